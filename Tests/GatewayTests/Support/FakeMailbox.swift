import Foundation
import MailTransport
import Synchronization

/// An INBOX in memory: raw messages by UID, a UIDVALIDITY that a test can change, the
/// moves the Fetcher asked for, and a failure a test can arm for any call.
final class FakeMailbox: Mailbox {
    /// The calls a test can make fail.
    enum Call: Hashable, Sendable { case status, uids, fetch, move }

    private struct State {
        var uidValidity: UInt32 = 1
        var nextUID: UInt32 = 1
        var inbox: [UInt32: Data] = [:]
        var moved: [UInt32] = []
        var fetched: [UInt32] = []
        var failures: [Call: TransportError] = [:]
    }

    private let state = Mutex(State())

    init(uidValidity: UInt32 = 1) {
        state.withLock { $0.uidValidity = uidValidity }
    }

    /// Puts a message in the INBOX; returns its UID.
    @discardableResult
    func deliver(_ raw: Data) -> UInt32 {
        state.withLock { state in
            let uid = state.nextUID
            state.nextUID += 1
            state.inbox[uid] = raw
            return uid
        }
    }

    /// The server renumbered the mailbox: a new UIDVALIDITY, and every message still in
    /// the INBOX under a new UID (as after a restore from backup).
    func renumber(uidValidity: UInt32) {
        state.withLock { state in
            state.uidValidity = uidValidity
            let old = state.inbox.sorted { $0.key < $1.key }
            state.inbox = [:]
            for (_, raw) in old {
                state.inbox[state.nextUID] = raw
                state.nextUID += 1
            }
        }
    }

    /// Makes every later `call` fail with `error`, until `heal`.
    func fail(_ call: Call, with error: TransportError) {
        state.withLock { $0.failures[call] = error }
    }

    func heal() {
        state.withLock { $0.failures = [:] }
    }

    /// UIDs moved out of the INBOX, in the order asked.
    var moved: [UInt32] { state.withLock { $0.moved } }
    /// UIDs whose bytes were fetched, in order.
    var fetched: [UInt32] { state.withLock { $0.fetched } }
    var inboxUIDs: [UInt32] { state.withLock { $0.inbox.keys.sorted() } }

    private func check(_ call: Call) throws(TransportError) {
        if let error = state.withLock({ $0.failures[call] }) { throw error }
    }

    func status() throws(TransportError) -> MailboxStatus {
        try check(.status)
        return state.withLock {
            MailboxStatus(uidValidity: $0.uidValidity, uidNext: $0.nextUID, messages: $0.inbox.count)
        }
    }

    func uids(after uid: UInt32) throws(TransportError) -> [UInt32] {
        try check(.uids)
        return state.withLock { $0.inbox.keys.filter { $0 > uid }.sorted() }
    }

    func fetch(uid: UInt32) throws(TransportError) -> Data {
        try check(.fetch)
        let raw = state.withLock { state -> Data? in
            state.fetched.append(uid)
            return state.inbox[uid]
        }
        guard let raw else { throw TransportError(.giveUp, message: "no message with UID \(uid)") }
        return raw
    }

    func markProcessed(uid: UInt32) throws(TransportError) {
        try markProcessed(uids: [uid])
    }

    func markProcessed(uids: [UInt32]) throws(TransportError) {
        try check(.move)
        state.withLock { state in
            for uid in uids where state.inbox.removeValue(forKey: uid) != nil {
                state.moved.append(uid)
            }
        }
    }
}
