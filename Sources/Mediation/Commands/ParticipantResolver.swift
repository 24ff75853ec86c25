/// Finds the participants a mediator names in a command: "Consommateur 12", "Consumer 12",
/// "#12", "Acme" (the whole legal team), "the company", "mediator", a display name, or an
/// address.
public enum ParticipantResolver {
    /// What a name stands for.
    public enum Resolution: Sendable, Hashable {
        /// One participant, or the whole legal team when the company is named.
        case found([Participant])
        /// Several different people answer to this name; the mediator must be more precise.
        case ambiguous([Participant])
        case unknown
    }

    /// Resolves `name` among a case's participants; withdrawn and removed ones are ignored.
    public static func resolve(_ name: String, among participants: [Participant], companyName: String) -> Resolution {
        let active = participants.filter(\.isActive)
        let text = name.trimmingWhitespace().lowercased()
        guard !text.isEmpty else { return .unknown }
        if text.contains("@") {
            let address = Participant.matchingForm(of: text)
            return result(active.filter { $0.address == address })
        }
        if let number = pseudonymNumber(in: text) {
            return result(active.filter { $0.role == .consumer && $0.pseudonym == number })
        }
        let company = active.filter { $0.role == .company }
        if ["company", "the company", "société", "la société", "entreprise", "l'entreprise"].contains(text)
            || text == companyName.lowercased() {
            return company.isEmpty ? .unknown : .found(company)
        }
        if ["mediator", "the mediator", "médiateur", "le médiateur", "médiatrice", "la médiatrice"].contains(text) {
            return result(active.filter { $0.role == .mediator })
        }
        let named = active.filter { participant in
            let display = participant.displayName.lowercased()
            return display == text || baseName(display) == text
        }
        // Legal team members share their display name: naming it names the team.
        if !named.isEmpty, named.allSatisfy({ $0.role == .company }) { return .found(named) }
        return result(named)
    }

    private static func result(_ matches: [Participant]) -> Resolution {
        switch matches.count {
        case 0: .unknown
        case 1: .found(matches)
        default: .ambiguous(matches)
        }
    }

    /// 12 from "consommateur 12", "consumer 12", "consommatrice 12", "#12".
    static func pseudonymNumber(in text: String) -> Int? {
        for prefix in ["consommateur ", "consommatrice ", "consumer ", "#"] where text.hasPrefix(prefix) {
            return Int(text.dropFirst(prefix.count).trimmingWhitespace())
        }
        return nil
    }

    /// "acme (legal team)" → "acme".
    static func baseName(_ display: String) -> Substring {
        guard display.hasSuffix(")"), let open = display.lastIndex(of: "(") else { return Substring(display) }
        return display[..<open].trimmingWhitespace()
    }
}
