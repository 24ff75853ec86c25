import CCurl
import Foundation
import Synchronization

/// The gateway's IMAP mailbox, read through libcurl over one reused connection.
///
/// Every call blocks the calling thread until the server answered; calls from several
/// threads wait for each other, because one connection carries one command at a time.
/// Message bytes are fetched with libcurl's `;UID=n` URL form, which reads the message as
/// a counted literal: nothing written inside a message can end the fetch early. Batches
/// (`fetch(uids:)`) go over a second connection that reads literals itself.
public final class IMAPMailbox: Mailbox {
    public let configuration: Configuration
    private let connection: Mutex<IMAPConnection>
    /// Opened at the first batch fetch; see `IMAPFetchConnection`.
    private let fetchConnection: Mutex<IMAPFetchConnection>

    /// Checks the configuration; connects only at the first call.
    public init(_ configuration: Configuration) throws(TransportError) {
        for name in [configuration.mailbox, configuration.processedMailbox] where !IMAPAddressing.isUsableName(name) {
            throw TransportError(.fixConfiguration, message: "IMAP mailbox name \"\(name)\" must be printable ASCII: check imap.mailbox and imap.processed_mailbox")
        }
        let scheme = URLComponents(string: configuration.url)?.scheme?.lowercased()
        guard scheme == "imap" || scheme == "imaps", URLComponents(string: configuration.url)?.host?.isEmpty == false else {
            throw TransportError(.fixConfiguration, message: "\(configuration.url) is not an IMAP URL: use imap://host:port (STARTTLS) or imaps://host:port in imap.url")
        }
        self.configuration = configuration
        connection = Mutex(try IMAPConnection(configuration))
        fetchConnection = Mutex(IMAPFetchConnection(configuration))
    }

    /// How many IMAP connections this mailbox has opened: 1 while the server keeps the
    /// connection (2 once messages were fetched in batches), more after the server or the
    /// network closed one.
    public var connectionsOpened: Int {
        connection.withLock { $0.connectionsOpened } + fetchConnection.withLock { $0.connectionsOpened }
    }

    /// How many connections the batch fetch has opened: 1 while the server keeps it. (The
    /// command connection is libcurl's, which also closes one idle for longer than two minutes.)
    var batchConnectionsOpened: Int { fetchConnection.withLock { $0.connectionsOpened } }

    /// Logs in and reads the mailbox status: the health check of `doctor`.
    public func verifyLogin() throws(TransportError) {
        _ = try status()
    }

    public func status() throws(TransportError) -> MailboxStatus {
        let command = "STATUS \(IMAPAddressing.quoted(configuration.mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)"
        let answer = try run(url: IMAPAddressing.serverURL(base: configuration.url), command: command)
        guard let status = IMAPResponse.status(from: String(decoding: answer, as: UTF8.self)) else {
            throw TransportError(.retry, message: "\(address) answered STATUS \(configuration.mailbox) without UIDVALIDITY, UIDNEXT and MESSAGES: \(String(decoding: answer.prefix(200), as: UTF8.self))")
        }
        return status
    }

    public func uids(after uid: UInt32) throws(TransportError) -> [UInt32] {
        let uidNext = try status().uidNext
        var found: [UInt32] = []
        for window in UIDWindows.covering(after: uid, uidNext: uidNext, size: configuration.searchWindow) {
            let answer = try run(url: mailboxURL, command: "UID SEARCH UID \(window.lowerBound):\(window.upperBound)")
            guard let uids = IMAPResponse.searchUIDs(from: String(decoding: answer, as: UTF8.self)),
                  uids.allSatisfy(window.contains)
            else {
                throw TransportError(.retry, message: "\(address) answered UID SEARCH \(window.lowerBound):\(window.upperBound) with a line that is not a UID list (cut short?): will try again")
            }
            found += uids
        }
        return Array(Set(found)).sorted()
    }

    public func fetch(uid: UInt32) throws(TransportError) -> Data {
        let url = IMAPAddressing.messageURL(base: configuration.url, mailbox: configuration.mailbox, uid: uid)
        return try connection.withLock { connection throws(TransportError) -> Data in
            switch connection.run(url: url, command: nil) {
            case .success(let bytes):
                return bytes
            case .failure(let failure) where failure.code == CURLE_REMOTE_FILE_NOT_FOUND:
                throw TransportError(.giveUp, message: "message UID \(uid) is no longer in \(configuration.mailbox) at \(address): it was moved or expunged")
            case .failure(let failure):
                throw failure.transportError(at: connection.server)
            }
        }
    }

    /// Fetches the whole batch with one `UID FETCH` on a second connection of its own, the
    /// answer read by literal sizes: one round trip instead of one per message.
    public func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
        try fetchConnection.withLock { connection throws(TransportError) in try connection.fetch(uids: uids) }
    }

    public func markProcessed(uid: UInt32) throws(TransportError) {
        try markProcessed(uids: [uid])
    }

    /// Moves every message of `uids`, a hundred to a command (a UID set such as `4,7:9`), so
    /// that a batch costs one round trip rather than one per message. Not more to a command:
    /// the server answers a move with lines for each message, and libcurl gives up on an
    /// answer over 300 KB (Dovecot's for 500 messages was just over).
    public func markProcessed(uids: [UInt32]) throws(TransportError) {
        var start = 0
        while start < uids.count {
            try move(uids[start..<min(start + Self.movesPerCommand, uids.count)])
            start += Self.movesPerCommand
        }
    }

    static let movesPerCommand = 100

    private func move(_ uids: ArraySlice<UInt32>) throws(TransportError) {
        let set = IMAPAddressing.uidSet(Array(uids))
        let target = IMAPAddressing.quoted(configuration.processedMailbox)
        try connection.withLock { connection throws(TransportError) in
            switch connection.run(url: mailboxURL, command: "UID MOVE \(set) \(target)") {
            case .success:
                return
            case .failure(let failure) where failure.code == CURLE_QUOTE_ERROR && tagged(failure, says: "BAD"):
                // The server does not know MOVE (RFC 6851): copy, flag, expunge.
                try copyAndExpunge(set: set, target: target, on: connection)
            case .failure(let failure):
                throw processingFailure(failure, on: connection)
            }
        }
    }

    private func copyAndExpunge(set: String, target: String, on connection: IMAPConnection) throws(TransportError) {
        for command in ["UID COPY \(set) \(target)", "UID STORE \(set) +FLAGS.SILENT (\\Deleted)"] {
            if case .failure(let failure) = connection.run(url: mailboxURL, command: command) {
                throw processingFailure(failure, on: connection)
            }
        }
        // UID EXPUNGE (UIDPLUS) removes only these messages; plain EXPUNGE would also remove
        // messages someone else flagged \Deleted, so it is the last resort.
        if case .failure(let failure) = connection.run(url: mailboxURL, command: "UID EXPUNGE \(set)") {
            guard failure.code == CURLE_QUOTE_ERROR, tagged(failure, says: "BAD") else {
                throw processingFailure(failure, on: connection)
            }
            if case .failure(let failure) = connection.run(url: mailboxURL, command: "EXPUNGE") {
                throw processingFailure(failure, on: connection)
            }
        }
    }

    private func processingFailure(_ failure: CurlFailure, on connection: IMAPConnection) -> TransportError {
        guard failure.code == CURLE_QUOTE_ERROR else { return failure.transportError(at: connection.server) }
        let said = failure.refusalText ?? failure.curlText
        if IMAPResponse.namesMissingMailbox(said) {
            return TransportError(.fixConfiguration, message: "mailbox \(configuration.processedMailbox) does not exist at \(address) (\(said)): create it or check imap.processed_mailbox")
        }
        return TransportError(.retry, message: "\(address) would not move a message to \(configuration.processedMailbox): \(said)")
    }

    /// Whether the command failed with `BAD`: the server does not know it.
    private func tagged(_ failure: CurlFailure, says status: String) -> Bool {
        IMAPResponse.refusal(in: failure.serverLines).map { IMAPResponse.isRefusal($0, status) } ?? false
    }

    private func run(url: String, command: String) throws(TransportError) -> Data {
        try connection.withLock { connection throws(TransportError) -> Data in
            switch connection.run(url: url, command: command) {
            case .success(let answer):
                return answer
            case .failure(let failure) where failure.code == CURLE_QUOTE_ERROR:
                let said = failure.refusalText ?? failure.curlText
                if IMAPResponse.namesMissingMailbox(said) {
                    throw TransportError(.fixConfiguration, message: "mailbox \(configuration.mailbox) does not exist at \(address) (\(said)): check imap.mailbox")
                }
                throw TransportError(.retry, message: "\(address) refused \(command.prefix(while: { $0 != " " })) in \(configuration.mailbox): \(said)")
            case .failure(let failure):
                throw failure.transportError(at: connection.server)
            }
        }
    }

    private var mailboxURL: String {
        IMAPAddressing.mailboxURL(base: configuration.url, mailbox: configuration.mailbox)
    }

    private var address: String { ServerContext.address(of: configuration.url) }
}
