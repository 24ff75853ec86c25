import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// Posts and what became of their copies, in the case's tamper-evident record.
@Suite("The record of posts and deliveries")
struct MailAuditTests {
    static func events(_ gateway: GatewayFixture, _ number: Int64, kind: String) throws -> [AuditEvent] {
        try gateway.store.read { try $0.auditEvents(caseNumber: number) }.filter { $0.kind == kind }
    }

    static func payload(_ event: AuditEvent) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any])
    }

    /// Event details are written without a general encoder; what is written must be what
    /// `JSONEncoder` writes, byte for byte, whatever the strings hold.
    @Test func detailsAreWrittenAsJSONEncoderWritesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let alphabet: [Character] = ["a", "Z", "_", "0", "9", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}",
                                     "\u{01}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{2028}", " ", "<", "&"]
        var generator = SystemRandomNumberGenerator()
        func word() -> String {
            String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for _ in 0..<500 {
            var detail: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) { detail[word()] = word() }
            let expected = String(decoding: try encoder.encode(detail), as: UTF8.self)
            #expect(CaseAudit.sortedJSON(detail) == expected, "\(detail)")
        }
    }

    @Test func aRelayedPostIsRecordedWithItsAuthorMessageIDHashAndCopies() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 3)
        var mail = InboundMail.to(gateway.replyAddress(c.consumers[0], in: c.room), from: c.consumers[0].address)
        mail.text = "Les frais n'étaient pas dans le contrat."
        let outcome = try gateway.process(mail)
        let post = try #require(outcome.post)

        let recorded = try #require(try Self.events(gateway, c.record.number, kind: "post.recorded").last)
        let detail = try Self.payload(recorded)
        #expect(detail["post"] as? String == String(post.id!))
        #expect(detail["channel"] as? String == String(c.room.id))
        #expect(detail["author"] as? String == String(c.consumers[0].id))
        #expect(detail["message_id"] as? String == mail.messageID)
        #expect(detail["deliveries"] as? String == String(try gateway.deliveries(ofPost: post.id!).count))
        #expect(detail["sha256"] as? String == CaseAudit.contentDigest(of: post))
        // The welcomes are the gateway's own posts, one event each.
        let welcomes = try Self.events(gateway, c.record.number, kind: "post.recorded").filter {
            try Self.payload($0)["template"] as? String == "welcome"
        }
        #expect(welcomes.count == 6)
        #expect(try welcomes.allSatisfy { try Self.payload($0)["author"] as? String == "gateway" })
        #expect(try CaseAudit.verify(caseNumber: c.record.number, store: gateway.store).get() != .genesis)
    }

    @Test func aNoteFiledByTheMediatorIsRecordedWithNoCopies() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        var mail = InboundMail.to(gateway.replyAddress(c.mediator, in: c.notes), from: c.mediator.address)
        mail.text = "Acme semble prête à rembourser les frais de dossier."
        let note = try #require(try gateway.process(mail).post)

        let recorded = try #require(try Self.events(gateway, c.record.number, kind: "post.recorded").first {
            try Self.payload($0)["post"] as? String == String(note.id!)
        })
        let detail = try Self.payload(recorded)
        #expect(detail["channel"] as? String == String(c.notes.id))
        #expect(detail["author"] as? String == String(c.mediator.id))
        #expect(detail["deliveries"] as? String == "0")
        #expect(detail["sha256"] as? String == CaseAudit.contentDigest(of: note))
    }

    @Test func outcomesAreRecordedOneEventPerBatchNotPerCopy() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 40, welcome: false)
        gateway.sender.answer(c.consumers[3].address, with: .permanent)
        let outcome = try gateway.process(InboundMail.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        let copies = try gateway.deliveries(ofPost: try #require(outcome.post).id!)
        #expect(copies.count >= 42)  // 40 consumers, the mediator, the lawyer (and whoever else is in the room)
        _ = try Dispatcher(context: gateway.context, sender: gateway.sender).run(chunk: 10)

        let batches = try Self.events(gateway, c.record.number, kind: "delivery.outcomes")
        // The copies in chunks of 10, and the mediator's failure notice: an event per chunk.
        #expect(batches.count <= (copies.count + 1 + 9) / 10 + 1)
        let decoder = JSONDecoder()
        let outcomes = try batches.flatMap { try decoder.decode(CaseAudit.DeliveryBatch.self, from: Data($0.payload.utf8)).outcomes }
        #expect(outcomes.count == copies.count + 1)
        #expect(Set(outcomes.map(\.delivery)).isSuperset(of: copies.map { $0.id! }))
        let failed = try #require(outcomes.first { $0.recipient == c.consumers[3].id })
        #expect(failed.outcome == "failed")
        #expect(failed.reply?.hasPrefix("5") == true)
        #expect(outcomes.filter { $0.outcome == "sent" }.allSatisfy { $0.reply == nil })
        let first = try decoder.decode(CaseAudit.DeliveryBatch.self, from: Data(batches[0].payload.utf8))
        #expect(first.sent + first.failed == first.outcomes.count)
        #expect(try CaseAudit.verify(caseNumber: c.record.number, store: gateway.store).get() != .genesis)
    }

    @Test func aCopyGivenUpAfterRetriesAndABounceAreRecorded() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2, welcome: false)
        let alice = c.consumers[0], bob = c.consumers[1]
        gateway.sender.answer(alice.address, with: .transient)
        let outcome = try gateway.process(InboundMail.to(gateway.replyAddress(c.company, in: c.room), from: c.company.address))
        let post = try #require(outcome.post)
        try gateway.dispatch()
        #expect(try Self.events(gateway, c.record.number, kind: "delivery.outcomes").count == 1,
                "a deferred copy is not an outcome yet")

        gateway.clock.advance(days: 4)
        try gateway.dispatch()
        let batches = try Self.events(gateway, c.record.number, kind: "delivery.outcomes")
        let retried = try JSONDecoder().decode(CaseAudit.DeliveryBatch.self, from: Data(try #require(batches.dropFirst().first).payload.utf8))
        #expect(retried.outcomes.first?.outcome == "gave_up")
        #expect(retried.outcomes.first?.recipient == alice.id)

        let toBob = try #require(try gateway.deliveries(ofPost: post.id!).first { $0.recipientID == bob.id })
        try gateway.receive(raw: IntakeScreeningTests.deliveryReport(
            to: gateway.context.addresses.bounceAddress(delivery: toBob.id!), about: bob.address))
        try gateway.intake()
        let bounced = try #require(try Self.events(gateway, c.record.number, kind: "delivery.bounced").first)
        let batch = try JSONDecoder().decode(CaseAudit.DeliveryBatch.self, from: Data(bounced.payload.utf8))
        #expect(batch.outcomes == [CaseAudit.DeliveryOutcome(outcome: "failed", delivery: toBob.id!, post: post.id!,
                                                             recipient: bob.id, reply: batch.outcomes.first?.reply)])
        #expect(batch.outcomes.first?.reply?.contains("5.1.1") == true)
        #expect(try CaseAudit.verify(caseNumber: c.record.number, store: gateway.store).get() != .genesis)
    }

    @Test func aModifiedPostEventIsDetected() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        _ = try gateway.process(.to(gateway.replyAddress(c.consumers[0], in: c.room), from: c.consumers[0].address))
        try gateway.dispatch()
        let events = try gateway.store.read { try $0.auditEvents(caseNumber: c.record.number) }
        let target = try #require(events.last { $0.kind == "post.recorded" })
        #expect(try CaseAudit.verify(caseNumber: c.record.number, store: gateway.store).get() != .genesis)

        // Someone with the database file rewrites the post's hash, around the append-only trigger.
        try gateway.execute("DROP TRIGGER audit_no_update")
        try gateway.execute("UPDATE audit SET payload = replace(payload, '\"sha256\":\"', '\"sha256\":\"0') WHERE id = ?",
                            [target.id])
        guard case let .failure(broken) = try CaseAudit.verify(caseNumber: c.record.number, store: gateway.store) else {
            Issue.record("a modified post event went unnoticed")
            return
        }
        #expect(broken.reason == .hashMismatch)
        #expect(broken.sequence == target.sequence)
    }

    @Test func theExportCarriesThePostAndDeliveryEvents() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        _ = try gateway.process(.to(gateway.replyAddress(c.consumers[0], in: c.room), from: c.consumers[0].address))
        try gateway.dispatch()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truce-export-\(UUID().uuidString)")
        _ = try CaseExport(context: gateway.context).write(caseNumber: c.record.number, to: directory)
        let lines = try String(contentsOf: directory.appendingPathComponent("audit.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let kinds = lines.compactMap { $0["kind"] as? String }
        #expect(kinds.contains("post.recorded"))
        #expect(kinds.contains("delivery.outcomes"))
        #expect(lines.compactMap { $0["sequence"] as? Int } == Array(1...lines.count))
    }
}
