import Foundation
import Mediation
import Testing
@testable import Gateway

/// The cheap look at a reply's first character only skips the offer and tally parsers when
/// they would find nothing.
@Suite("Intake: the command pretest")
struct IntakeCommandPretestTests {
    static let texts = [
        "", "  \n\t\n", "Hello,\nI agree.", "/offer 150 € per consumer", "  \n  /propose: 40% of each claim",
        "/tally", "\u{00A0}/décompte", "/DECOMPTE", "\n\n/Offre\nmontant : 150 €", "/proposition",
        "\u{0301}/offer 100 EUR per consumer", "é/offer", "x /tally", "\u{2003}/tally", "／offer", "/offers",
        "Ok /tally", "1/offer", "\r\n/tally\r\n",
    ]

    @Test("whenever the offer or tally parser sees a command, the pretest lets it through", arguments: texts)
    func neverHidesACommand(text: String) {
        if OfferParser.source(of: text) != nil || TallyDesk.asks(text) {
            #expect(Handling.mayOpenWithCommand(text))
        }
    }

    @Test("replies opening with plain words skip the parsers")
    func plainRepliesSkip() {
        #expect(!Handling.mayOpenWithCommand("Hello,\nI agree."))
        #expect(!Handling.mayOpenWithCommand("  \n Ok /tally"))
        #expect(!Handling.mayOpenWithCommand(" \n\t "))
        #expect(Handling.mayOpenWithCommand("\n /tally"))
        #expect(Handling.mayOpenWithCommand("Élodie ici"))
    }
}

/// The shortcut for replies that plainly have text agrees with trimming them.
@Suite("Intake: blank replies")
struct IntakeBlankReplyTests {
    @Test("a reply is blank exactly when trimming leaves nothing", arguments: [
        "", " ", "\n\t \r\n", "\u{00A0}\u{2003}", "a", " a", "\u{7F}", "\u{1}", "é", "\u{200B}", ".\n", "\u{0301}",
    ])
    func agreesWithTrimming(text: String) {
        #expect(Handling.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
