import Foundation
import Testing
@testable import Mediation

/// The shortcut for addresses already in matching form must give what the full
/// trim-unbracket-lowercase gives, for every kind of address.
@Suite("Participant addresses in matching form")
struct MatchingFormTests {
    /// The rule written out the long way, as it was before the shortcut.
    static func longForm(_ address: String) -> String {
        var trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("<"), trimmed.hasSuffix(">") { trimmed = String(trimmed.dropFirst().dropLast()) }
        return trimmed.lowercased()
    }

    @Test("the matching form is the trimmed, unbracketed, lower-case address", arguments: [
        "", " ", "a", "<", ">", "<>", "< >", "bob@acme.example", "Bob@Acme.Example", " bob@acme.example",
        "bob@acme.example\n", "\tbob@acme.example", "<bob@acme.example>", " <bob@acme.example> ",
        "<<bob@acme.example>>", "<bob@acme.example", "bob@acme.example>", "élodie@exemple.fr", "ÉLODIE@exemple.fr",
        "bob@acme.example\u{00A0}", "\u{2003}bob@acme.example", "bob smith@acme.example", "BOB",
        "bob@acme.example\r\n", "x\u{0301}@acme.example",
    ])
    func sameAsLongForm(address: String) {
        #expect(Participant.matchingForm(of: address) == Self.longForm(address))
    }

    @Test("a stored participant keeps both forms of its address as given")
    func storedForms() {
        let stored = Participant(
            id: 3, caseNumber: 1, role: .consumer, matchingAddress: "bob@acme.example",
            originalAddress: "Bob@Acme.Example", displayName: "Bob", language: .en, state: .withdrawn,
            pseudonym: 2, namePublic: true)
        let made = Participant(
            id: 3, caseNumber: 1, role: .consumer, address: "Bob@Acme.Example", displayName: "Bob", language: .en,
            state: .withdrawn, pseudonym: 2, namePublic: true)
        #expect(stored == made)
    }
}
