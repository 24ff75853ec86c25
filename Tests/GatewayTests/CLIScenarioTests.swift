import Foundation
import Testing

/// An operator's session from the command line: open a case, import claimants, open an
/// aside, look at the case and the queues. Each step is a separate run of `truce` on the
/// same store file, as in production.
@Suite("Command line: an operator's session")
struct CLIScenarioTests {
    @Test func openImportAsideAndLook() async throws {
        let fixture = try await OperatorFixture(mediation: ["max_days: 60"])
        let config = ["--config", fixture.configFile]
        func truce(_ arguments: String...) throws -> CLITests.Run { try CLITests.truce(arguments + config) }

        let tooLong = try truce("case", "open", "--title", "Retards", "--company", "Acme (service juridique) <legal@company.test>",
                                "--mediator", "Claire Martin <claire@mediator.test>", "--days", "61")
        #expect(tooLong.status == 1)
        #expect(tooLong.error == "truce: a room stays open from 1 to 60 days (mediation.max_days); 61 is not possible\n")

        let open = try truce("case", "open", "--title", "Retards de livraison",
                             "--company", "Acme (service juridique) <legal@company.test>",
                             "--company", "counsel@company.test", "--mediator", "Claire Martin <claire@mediator.test>",
                             "--lawyer", "Maître Durand <durand@law.test>", "--language", "en")
        #expect(open.status == 0, "\(open.error)")
        #expect(open.output == "1\n")

        let csv = try fixture.write("""
            name,email,language
            Jeanne Petit,jeanne@consumer.test,fr
            Tom Baker,tom@consumer.test,en
            Broken,broken-address,fr
            """, named: "claimants.csv")
        let add = try truce("case", "add", "1", "--csv", csv)
        #expect(add.status == 0, "\(add.error)")
        #expect(add.error.contains("claimants.csv:4: 'broken-address' is not an email address"))
        #expect(add.output.hasSuffix("2 added (welcome queued for 2), 0 already in the case, 1 row(s) skipped\n"))
        let again = try truce("case", "add", "1", "--csv", csv)
        #expect(again.output.hasSuffix("0 added (welcome queued for 0), 2 already in the case, 1 row(s) skipped\n"))

        let unknown = try truce("aside", "open", "1", "--with", "Consumer 9")
        #expect(unknown.status == 1)
        #expect(unknown.error == "truce: 'Consumer 9' is not an active participant of case 1; `truce case show 1` lists them\n")
        let aside = try truce("aside", "open", "1", "--with", "Consumer 1", "--with", "Acme", "--subject", "Remboursement")
        #expect(aside.status == 0, "\(aside.error)")
        #expect(aside.output.hasPrefix("aside 3 opened in case 1: Remboursement\n"))
        #expect(aside.output.contains("Consumer 1  <jeanne@consumer.test>"))

        let show = try truce("case", "show", "1")
        #expect(show.output.contains("Case 1: Retards de livraison"))
        #expect(show.output.contains("Consommateur 2 / Consumer 2"))
        #expect(show.output.contains("queued 10, sent 0, deferred 0, failed 0"))
        let showJSON = try truce("case", "show", "1", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(showJSON.output.utf8)) as? [String: Any]
        #expect(object?["number"] as? Int == 1)
        #expect((object?["participants"] as? [Any])?.count == 6)

        let list = try truce("case", "list")
        #expect(list.output.split(separator: "\n").last?.hasSuffix("Retards de livraison") == true)
        let outbox = try truce("outbox", "--case", "1")
        #expect(outbox.output.hasPrefix("queued 10, sent 0, deferred 0, failed 0\n"))
        #expect(try truce("held").output == "The holding pen is empty.\n")
        #expect(try truce("case", "notes", "1").output == "Case 1 has no notes yet.\n")
        let missing = try truce("case", "show", "7")
        #expect(missing.status == 1)
        #expect(missing.error == "truce: there is no case 7; `truce case list` shows the cases\n")
    }
}
