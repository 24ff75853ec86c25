import Foundation
import Gateway
import Mediation
import Store
import Testing

/// Invariant 2 against the real binary: `truce serve` is killed without warning again and
/// again in the middle of a 300-recipient fan-out, restarted each time, and in the end every
/// recipient has the post; a copy received twice is the same copy (same Message-ID).
@Suite("Crash safety of the real gateway", .enabled(if: LocalStack.isUp))
struct CrashSafetyTests {
    @Test func aFanOutKilledAtRandomMomentsFinishesWithoutLossAndDuplicatesKeepTheirMessageID() async throws {
        let gateway = try await GatewayUnderTest()
        let crowd = try Crowd.open(on: gateway, consumers: 300)
        let deliveries = try crowd.post(on: gateway, text: Crowd.replyText(bytes: 2_000))
        #expect(deliveries.count == 301, "299 other consumers, the mediator and the company")
        let config = gateway.configuration.sourceFile
        let log = gateway.directory.appendingPathComponent("serve.log")

        let seed = UInt64.random(in: 1...UInt64.max)
        var random = SeededRandom(seed: seed)
        print("crash safety: seed \(seed), log \(log.path)")
        // Kill moments are drawn between 50 ms and `latest` after the start. A round that
        // sent nothing (the kill came before the first commit) widens the window, so that
        // later kills fall inside the fan-out whatever this machine's speed.
        var latest = 0.4
        var kills = 0
        var killsMidFanOut = 0
        for _ in 0..<12 {
            let queuedBefore = try queued(gateway)
            if queuedBefore == 0 { break }
            let serve = try ServeProcess(config: config, log: log)
            let delay = Double.random(in: 0.05...latest, using: &random)
            // The crash comes at a random moment: nothing here waits for the child's work.
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            serve.kill()
            kills += 1
            let queuedAfter = try queued(gateway)
            if queuedAfter > 0 && queuedAfter < queuedBefore { killsMidFanOut += 1 }
            if queuedAfter == queuedBefore { latest = min(latest * 2, 8) }
            print("crash safety: killed after \(Int(delay * 1000)) ms, \(queuedBefore) → \(queuedAfter) queued")
        }
        #expect(kills >= 1)

        // A last start runs until the outbox is done, then is asked to stop.
        let serve = try ServeProcess(config: config, log: log)
        do {
            try serve.awaitServing()
            _ = try LocalStack.eventually("an empty outbox", seconds: 120) {
                try queued(gateway) == 0 ? true : nil
            }
        } catch {
            serve.kill()
            Issue.record("serve output:\n\(serve.output())")
            throw error
        }
        let status = try serve.terminate()
        #expect(status == 0, "SIGTERM is a graceful shutdown: \(serve.output().suffix(2_000))")

        // The store: every copy sent, none failed or waiting.
        let counts = try gateway.store.deliveryCounts(caseNumber: crowd.caseRecord.number)
        #expect(counts == [.sent: 301], "outbox: \(counts)")

        // The mailbox: every recipient has the post, and every copy received is one the store
        // knows under that recipient's own Message-ID.
        let expected = try gateway.store.read { session in
            try session.deliveries(state: .sent, limit: 1_000)
        }
        let byID = Dictionary(uniqueKeysWithValues: crowd.participants.map { ($0.id, $0.address) })
        let messageIDOf = Dictionary(uniqueKeysWithValues: expected.map { (byID[$0.recipientID]!, $0.messageID) })
        let received = try LocalStack.eventually("301 recipients served", seconds: 120) { () -> [(recipient: String, messageID: String?)]? in
            let received = try crowd.received()
            return Set(received.map(\.recipient)).isSuperset(of: messageIDOf.keys) ? received : nil
        }
        var copies: [String: [String?]] = [:]
        for copy in received { copies[copy.recipient, default: []].append(copy.messageID) }
        #expect(Set(copies.keys) == Set(messageIDOf.keys), "nobody outside the room, nobody missing")
        #expect(copies[crowd.firstConsumer.address] == nil, "the author does not get their own post")
        var duplicates = 0
        for (recipient, ids) in copies {
            duplicates += ids.count - 1
            for id in ids {
                #expect(id == messageIDOf[recipient], "\(recipient) got \(id ?? "no id"), the store says \(messageIDOf[recipient] ?? "-")")
            }
        }
        print("crash safety: \(kills) kills (\(killsMidFanOut) mid fan-out), \(received.count) copies, \(duplicates) duplicates")
    }

    private func queued(_ gateway: GatewayUnderTest) throws -> Int {
        let counts = try gateway.store.deliveryCounts()
        return (counts[.queued] ?? 0) + (counts[.deferred] ?? 0)
    }
}
