import Foundation

/// A consumer's answer to an offer: adhere to it, or not.
public enum BallotChoice: String, Sendable, Hashable, Codable {
    case accept
    case decline

    /// Reads the answer from a reply (quotes already stripped) and its subject.
    ///
    /// Only the start counts: the subject of a mailto ballot ("ACCEPT offer #3",
    /// "ACCEPTER l'offre n°3", after any "Re:"), or the first meaningful line of the text —
    /// a greeting line ("Bonjour,", "Hello Ms Martin,") is skipped. Accept words: accept,
    /// I accept, j'accepte, accepte, accepter, oui, yes. Decline words: decline, I decline,
    /// je refuse, refuse, refuser, non, no. Case and accents do not matter.
    ///
    /// Ambiguity is nil, so the gateway asks again rather than records an answer the
    /// consumer did not give: a line with words of both kinds ("non, j'accepte"), an accept
    /// with a negation ("I don't accept", "j'accepte pas"), or a subject and text that
    /// disagree. Nothing is read from further down, where quoted or forwarded text hides.
    public static func read(text: String?, subject: String?) -> BallotChoice? {
        let fromSubject = subject.flatMap { readSubject($0) }
        let fromText = text.flatMap { readText($0) }
        if let fromSubject, let fromText, fromSubject != fromText { return nil }
        return fromSubject ?? fromText
    }

    private static let acceptPhrases: [[String]] = [["i", "accept"], ["j", "accepte"], ["je", "accepte"], ["accept"], ["accepted"], ["accepte"], ["accepter"], ["oui"], ["yes"]]
    private static let declinePhrases: [[String]] = [["i", "decline"], ["je", "refuse"], ["decline"], ["declined"], ["refuse"], ["refused"], ["refuser"], ["non"], ["no"]]
    private static let acceptWords: Set<String> = ["accept", "accepted", "accepte", "accepter", "oui", "yes"]
    private static let declineWords: Set<String> = ["decline", "declined", "refuse", "refused", "refuser", "non", "no"]
    // A lone "n" is not here: "n°3" in a mailto subject folds to the word "n".
    private static let negations: Set<String> = ["not", "don", "dont", "never", "pas", "ne", "jamais", "point"]
    private static let greetings: Set<String> = ["bonjour", "bonsoir", "hello", "hi", "dear", "cher", "chere", "madame", "monsieur", "mesdames", "messieurs", "maitre", "hey", "salut"]
    private static let replyPrefixes: Set<String> = ["re", "fw", "fwd", "tr", "aw", "wg", "ref", "rep"]

    private static func readSubject(_ subject: String) -> BallotChoice? {
        var words = words(of: subject)
        // "Re: Re: ACCEPT offer #3": reply and forward markers are the client's, not the consumer's.
        while let first = words.first, replyPrefixes.contains(first) { words.removeFirst() }
        return choice(openingWords: words)
    }

    private static func readText(_ text: String) -> BallotChoice? {
        for line in text.split(whereSeparator: \.isNewline) {
            var words = words(of: line)
            guard !words.isEmpty else { continue }
            let openedWithGreeting = greetings.contains(words[0])
            while let first = words.first, greetings.contains(first) { words.removeFirst() }
            if let choice = choice(openingWords: words) { return choice }
            let mentionsAnswer = words.contains { acceptWords.contains($0) || declineWords.contains($0) }
            if openedWithGreeting && !mentionsAnswer { continue }
            return nil
        }
        return nil
    }

    private static func choice(openingWords words: [String]) -> BallotChoice? {
        let accepts = acceptPhrases.contains { words.starts(with: $0) }
        let declines = declinePhrases.contains { words.starts(with: $0) }
        if accepts {
            let doubt = words.contains { declineWords.contains($0) || negations.contains($0) }
            return doubt ? nil : .accept
        }
        if declines {
            return words.contains(where: acceptWords.contains) ? nil : .decline
        }
        return nil
    }

    /// Lower-case, accent-free words of a line; apostrophes split ("j'accepte" → j, accepte).
    private static func words(of line: some StringProtocol) -> [String] {
        line.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter })
            .map(String.init)
    }
}
