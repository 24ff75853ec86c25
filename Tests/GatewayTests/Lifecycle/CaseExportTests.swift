import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Exporting a case's whole record")
struct CaseExportTests {
    /// Splits an mboxrd file back into messages, unquoting `>From ` lines.
    static func messages(in mbox: Data) -> [MailMessage] {
        var messages: [[Substring]] = []
        for line in String(decoding: mbox, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("From ") {
                messages.append([])
            } else if !messages.isEmpty {
                let quoted = line.hasPrefix(">") && line.drop(while: { $0 == ">" }).hasPrefix("From ")
                messages[messages.count - 1].append(quoted ? line.dropFirst() : line)
            }
        }
        return messages.map { MailMessage(parsing: Data($0.joined(separator: "\r\n").utf8)) }
    }

    static func exportDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("truce-export-\(UUID().uuidString)")
    }

    @Test func aSettledCaseIsWrittenWholeAndItsAuditFileVerifiesOnItsOwn() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase(note: "Acme reconnaît l'erreur de facturation.")
        let roux = try #require(lawyer)
        try gateway.dispatch()
        try gateway.receive(from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "/approve")
        try gateway.dispatch()

        let directory = Self.exportDirectory()
        let summary = try CaseExport(context: gateway.context).write(caseNumber: gateway.caseRecord.number, to: directory)
        func file(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }
        #expect(Set(summary.files) == ["posts.mbox", "notes.mbox", "ledger.csv", "ledger.json", "protocole.txt", "audit.jsonl"])

        // Every post but the note, oldest first: the gateway's own messages as they were sent.
        let storedPosts = try gateway.store.read { try $0.posts(caseNumber: gateway.caseRecord.number) }
        let posts = Self.messages(in: try file("posts.mbox"))
        #expect(posts.count == storedPosts.count - 1)
        #expect(summary.posts == posts.count)
        #expect(posts.filter { $0.to.first?.address == gateway.consumers[0].originalAddress }
            .contains { $0.text?.contains("Acme présente ses excuses à chacun.") == true }, "Client 1's copy of the offer")
        #expect(posts.contains { $0.subject?.contains("Protocole d'accord approuvé") == true
            && ProtocoleTests.agreement($0)?.contains("Client 2 | 100,20") == true })
        #expect(posts.contains { $0.text?.contains("un accord a été trouvé") == true })
        let noteMessages = Self.messages(in: try file("notes.mbox"))
        #expect(noteMessages.count == 1)
        #expect(noteMessages.first?.subject == "Fwd: courrier d'Acme")
        #expect(noteMessages.first?.text?.contains("Acme reconnaît l'erreur de facturation.") == true)
        #expect(!posts.contains { $0.text?.contains("Acme reconnaît l'erreur") == true }, "a note is never among the posts")

        let ledger = try #require(try gateway.store.settlementLedger(caseNumber: gateway.caseRecord.number))
        #expect(String(decoding: try file("ledger.csv"), as: UTF8.self) == ledger.csv())
        #expect(String(decoding: try file("ledger.json"), as: UTF8.self) == (try ledger.json()) + "\n")
        #expect(String(decoding: try file("protocole.txt"), as: UTF8.self) == (try ProtocoleTests.protocole(gateway))?.text)

        // The audit file alone is enough to check the chain again.
        let lines = String(decoding: try file("audit.jsonl"), as: UTF8.self).split(separator: "\n")
        let stored = try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }
        #expect(lines.count == stored.count)
        #expect(summary.auditEvents == stored.count)
        var previous = AuditHash.genesis
        for (line, event) in zip(lines, stored) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let milliseconds = try #require(object["timestamp_ms"] as? Int)
            let recomputed = AuditEntry.hash(
                caseID: gateway.caseRecord.number, sequence: Int64(try #require(object["sequence"] as? Int)),
                kind: try #require(object["kind"] as? String), payload: try #require(object["payload"] as? String),
                timestamp: Date(timeIntervalSince1970: Double(milliseconds) / 1_000), previous: previous)
            #expect(recomputed.hex == object["hash"] as? String)
            #expect(event.hash == object["hash"] as? String)
            previous = recomputed
        }
    }

    @Test func anOpenCaseHasNoLedgerNorAgreement() async throws {
        let gateway = try await LifecycleHarness(consumers: 2)
        try gateway.receive(from: gateway.consumers[0].originalAddress, to: try gateway.roomAddress(gateway.consumers[0]),
                            text: "From the start the fees were hidden.\n>From what I read, too.")
        let directory = Self.exportDirectory()
        let summary = try CaseExport(context: gateway.context).write(caseNumber: gateway.caseRecord.number, to: directory)
        #expect(Set(summary.files) == ["posts.mbox", "notes.mbox", "audit.jsonl"])
        let raw = String(decoding: try Data(contentsOf: directory.appendingPathComponent("posts.mbox")), as: UTF8.self)
        #expect(raw.contains("\n>From the start the fees were hidden.\n>>From what I read, too.\n"))
        let posts = Self.messages(in: try Data(contentsOf: directory.appendingPathComponent("posts.mbox")))
        #expect(posts.count == 1)
        #expect(posts.first?.text?.contains("From the start the fees were hidden.\n>From what I read, too.") == true)
        #expect(throws: StoreError.noSuchCase(99)) {
            try CaseExport(context: gateway.context).write(caseNumber: 99, to: Self.exportDirectory())
        }
    }
}
