import Foundation
import Testing

@Suite("Command line: the ledger's help")
struct CLILedgerHelpTests {
    @Test func theHelpSaysTheTableFollowsTheCaseLanguageAndTheCSVStaysEnglish() throws {
        let help = try CLITests.truce(["case", "ledger", "--help"])
        #expect(help.status == 0)
        // The help wraps at the terminal's width: compare with single spaces.
        let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("The table is written in the case's language (French or English)."))
        #expect(text.contains("their column and field names stay the same, in English, whatever the case's language"))
        #expect(text.contains("fixed English column names (consumer,pseudonym,gross,fee,net,currency)"))
    }

    @Test func caseShowOffersTheJoinRequestList() throws {
        let help = try CLITests.truce(["case", "show", "--help"])
        let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("--join-requests"))
        #expect(text.contains("how many join requests wait for their confirmation reply"))
    }
}
