import Foundation
import Testing

/// The commands that look at one email, the gateway's health, and a new case as JSON.
@Suite("Command line: parse, doctor, JSON")
struct CLIToolsTests {
    @Test func parseShowsWhatTheGatewayReads() async throws {
        let fixture = try await OperatorFixture()
        let file = try fixture.write("""
            From: Jeanne Petit <jeanne@consumer.test>\r
            To: truce+abc@mediation.test\r
            Subject: =?UTF-8?Q?R=C3=A9ponse?=\r
            Message-ID: <m1@consumer.test>\r
            \r
            Je refuse cette offre.\r
            \r
            Le 3 mars, Truce a écrit :\r
            > Offre d'Acme\r
            """, named: "reply.eml")
        let text = try CLITests.truce(["parse", file])
        #expect(text.status == 0)
        #expect(text.output.contains("Subject:     Réponse"))
        #expect(text.output.contains("Jeanne Petit <jeanne@consumer.test>"))

        let json = try CLITests.truce(["parse", file, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["message_id"] as? String == "m1@consumer.test")
        #expect((object["reply_text"] as? String)?.contains("Je refuse cette offre.") == true)
        #expect((object["reply_text"] as? String)?.contains("Offre d'Acme") == false)

        let missing = try CLITests.truce(["parse", fixture.directory.appendingPathComponent("none.eml").path])
        #expect(missing.status == 1)
        #expect(missing.error.hasPrefix("truce: cannot read "))
    }

    @Test func doctorSaysWhatIsWrongAndExitsOne() async throws {
        // Port 1 on loopback refuses connections: both logins fail, everything else is healthy.
        let fixture = try await OperatorFixture(imapURL: "imap://127.0.0.1:1", smtpURL: "smtp://127.0.0.1:1")
        let run = try CLITests.truce(["doctor", "--config", fixture.configFile])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("ok") }.map { $0.split(separator: " ")[1] } == ["configuration", "store", "templates"])
        #expect(lines.contains { $0.hasPrefix("FAIL imap") && $0.contains("127.0.0.1:1") })
        #expect(lines.contains { $0.hasPrefix("FAIL smtp") })
        #expect(lines.last == "2 problem(s): see FAIL above")
        #expect(!run.output.contains("a-secret-of-sufficient-length"))
    }

    @Test func caseOpenPrintsJSONWithTheParticipants() async throws {
        let fixture = try await OperatorFixture()
        let run = try CLITests.truce([
            "case", "open", "--config", fixture.configFile, "--title", "Abonnements", "--json", "--days", "10",
            "--company", "Telco (legal team) <legal@telco.test>", "--mediator", "Paul Lenoir <paul@mediator.test>",
        ])
        #expect(run.status == 0, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["case"] as? Int == 1)
        #expect(object["title"] as? String == "Abonnements")
        #expect(object["company"] as? String == "Telco")
        #expect(object["welcomes"] as? Int == 2)
        #expect((object["deadline"] as? String)?.hasSuffix("Z") == true)
        let participants = try #require(object["participants"] as? [[String: Any]])
        #expect(participants.map { $0["role"] as? String } == ["company", "mediator"])
        #expect(participants.map { $0["address"] as? String } == ["legal@telco.test", "paul@mediator.test"])
    }
}
