import Foundation

/// One line of an offer email, as written and folded for matching (lower case, no accents,
/// every kind of space made ordinary, typographic apostrophes made straight).
///
/// Folding keeps one character per character for the Latin text offers are written in, so a
/// span found in the folded line is cut from the original at the same offsets, and a
/// sender sees their own words quoted back in an error. When folding changed the count
/// (rare scripts), the folded text is quoted instead.
struct OfferLine {
    let original: Substring
    let folded: Substring

    init(_ original: Substring) {
        self.original = original
        let folded = original
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .map { character -> Character in
                switch character {
                case "\u{00A0}", "\u{202F}", "\u{2009}", "\t": " "
                case "\u{2019}", "\u{02BC}": "'"
                default: character
                }
            }
        self.folded = Substring(String(folded))
    }

    private init(original: Substring, folded: Substring) {
        self.original = original
        self.folded = folded
    }

    /// The part of the original line under a range of the folded line.
    func original(of range: Range<Substring.Index>) -> String {
        guard original.count == folded.count else { return String(folded[range]) }
        let start = folded.distance(from: folded.startIndex, to: range.lowerBound)
        let length = folded.distance(from: range.lowerBound, to: range.upperBound)
        let from = original.index(original.startIndex, offsetBy: start)
        return String(original[from..<original.index(from, offsetBy: length)])
    }

    /// The line from a character offset on, in both forms.
    func suffix(fromOffset offset: Int) -> OfferLine {
        guard original.count == folded.count else { return OfferLine(original.dropFirst(offset)) }
        return OfferLine(original: original.dropFirst(offset), folded: folded.dropFirst(offset))
    }
}
