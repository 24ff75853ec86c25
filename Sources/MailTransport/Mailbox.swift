import Foundation

/// What the gateway needs from the mailbox it reads: the seam between the Fetcher and IMAP.
///
/// Implemented by `IMAPMailbox` over libcurl; unit tests use an in-memory fake. Calls block
/// the calling thread (libcurl is synchronous), so callers run them off the cooperative pool.
public protocol Mailbox: AnyObject, Sendable {
    /// UIDVALIDITY, UIDNEXT and the message count of the selected mailbox.
    func status() throws(TransportError) -> MailboxStatus
    /// UIDs strictly greater than `uid`, ascending.
    func uids(after uid: UInt32) throws(TransportError) -> [UInt32]
    /// The exact raw bytes of one message.
    func fetch(uid: UInt32) throws(TransportError) -> Data
    /// The exact raw bytes of several messages, in as few round trips as the server allows.
    /// A UID no longer in the mailbox is left out of the answer.
    func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)]
    /// Marks a message as handled: moves it to the processed folder (or flags it).
    func markProcessed(uid: UInt32) throws(TransportError)
    /// Marks several messages as handled, in as few commands as the server allows.
    func markProcessed(uids: [UInt32]) throws(TransportError)
}

/// The numbers that say where the Fetcher is in a mailbox.
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int
    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}

extension Mailbox {
    /// Fetches the messages one by one. A UID that is gone fails the whole call, as
    /// `fetch(uid:)` does.
    public func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
        var messages: [(uid: UInt32, raw: Data)] = []
        for uid in uids { messages.append((uid, try fetch(uid: uid))) }
        return messages
    }

    /// Marks several messages as handled. Implementations that can move a UID set in one
    /// command do so; this default moves them one by one.
    public func markProcessed(uids: [UInt32]) throws(TransportError) {
        for uid in uids { try markProcessed(uid: uid) }
    }
}
