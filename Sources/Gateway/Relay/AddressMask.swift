import Foundation
import Mediation

/// Hides participants' real addresses that someone typed into a post (a signature, a
/// pasted header block) before the text reaches anyone else (invariant 4).
///
/// Finding the addresses is done once per post (`present`); hiding them is done per copy,
/// because each recipient may see their own address and no one else's.
struct AddressMask {
    /// The participants' addresses (lowercased) that occur in `text`.
    static func present(in text: String, among participants: [Participant]) -> [String] {
        let lowered = text.lowercased()
        guard lowered.contains("@") else { return [] }
        var found: [String] = []
        for token in candidates(in: lowered) where !found.contains(token) {
            if participants.contains(where: { $0.address == token }) { found.append(token) }
        }
        return found
    }

    /// Replaces every address of `hidden` except `reader`'s own, whatever its case.
    static func hide(_ hidden: [String], in text: String, reader: Participant, placeholder: String) -> String {
        var result = text
        for address in hidden where address != reader.address {
            result = result.replacingOccurrences(
                of: address, with: placeholder, options: [.caseInsensitive, .literal])
        }
        return result
    }

    static func placeholder(_ language: Language) -> String {
        language == .fr ? "[adresse masquée]" : "[address hidden]"
    }

    /// Every `local@domain` run in `text`: linear, one pass over the characters.
    static func candidates(in text: String) -> [String] {
        let characters = Array(text.unicodeScalars)
        func isAddressScalar(_ scalar: Unicode.Scalar) -> Bool {
            CharacterSet.alphanumerics.contains(scalar) || "._%+-@'".unicodeScalars.contains(scalar)
        }
        var found: [String] = []
        var start = 0
        while start < characters.count {
            guard isAddressScalar(characters[start]) else { start += 1; continue }
            var end = start
            while end < characters.count, isAddressScalar(characters[end]) { end += 1 }
            var word = String(String.UnicodeScalarView(characters[start..<end]))
            while let last = word.last, last == "." || last == "'" { word.removeLast() }
            while let first = word.first, first == "." || first == "'" { word.removeFirst() }
            if word.split(separator: "@", omittingEmptySubsequences: false).count == 2, !word.hasPrefix("@"),
               !word.hasSuffix("@") {
                found.append(word)
            }
            start = end
        }
        return found
    }
}
