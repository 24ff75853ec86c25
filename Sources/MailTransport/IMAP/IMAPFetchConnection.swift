import CCurl
import Foundation

/// A second IMAP connection that fetches many messages in one round trip.
///
/// libcurl fetches one message per request (`;UID=n`), and its custom commands read the
/// lines of a FETCH answer without honouring literal sizes, so a message could end the
/// answer early. This connection lets libcurl do what it does well — connect, STARTTLS,
/// verify the certificate, log in — with `CURLOPT_CONNECT_ONLY`, then speaks the two
/// commands it needs itself over libcurl's send and receive calls: `EXAMINE` (read-only:
/// nothing here can change the mailbox) and `UID FETCH set (UID BODY.PEEK[])`, whose
/// answer `FetchResponseReader` reads by literal sizes.
///
/// Not thread-safe; `IMAPMailbox` holds it behind a lock.
final class IMAPFetchConnection {
    let configuration: IMAPMailbox.Configuration
    let server: ServerContext
    private var stream: CurlStream?
    private var nextTag = 1
    private(set) var connectionsOpened = 0

    init(_ configuration: IMAPMailbox.Configuration) {
        self.configuration = configuration
        server = ServerContext(
            protocolName: "IMAP", url: configuration.url, username: configuration.username,
            caFile: configuration.caFile, settingPrefix: "imap"
        )
    }

    /// The messages of `uids` still in the mailbox, in the order the server sent them.
    ///
    /// A connection that breaks is dropped; the fetch is tried once more on a new one when
    /// the old one may simply have timed out while idle (FETCH with PEEK changes nothing,
    /// so asking twice is harmless).
    func fetch(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
        guard !uids.isEmpty else { return [] }
        let reused = stream != nil
        do {
            return try fetchOnce(uids: uids)
        } catch {
            close()
            guard reused, error.disposition == .retry else { throw error }
            return try fetchOnce(uids: uids)
        }
    }

    private func fetchOnce(uids: [UInt32]) throws(TransportError) -> [(uid: UInt32, raw: Data)] {
        try openIfNeeded()
        var messages: [(uid: UInt32, raw: Data)] = []
        messages.reserveCapacity(uids.count)
        let wanted = Set(uids)
        // NOOP first, answered before FETCH is sent: the server looks at the mailbox again,
        // so mail that arrived since the last batch is known to this session. (Sent in the
        // same write, Dovecot answered the FETCH without the new mail.)
        let synced = try exchange(["NOOP"]) { _, _ in }
        guard synced.status == "OK" else {
            throw TransportError(.retry, message: "\(server.address) refused NOOP: \(synced.status) \(synced.text)")
        }
        let status = try exchange(["UID FETCH \(IMAPAddressing.uidSet(uids)) (UID BODY.PEEK[])"]) { uid, raw in
            // A server may add a message nobody asked for (a `*` in a set); only ours count.
            if wanted.contains(uid) { messages.append((uid, raw)) }
        }
        guard status.status == "OK" else {
            throw TransportError(.retry, message: "\(server.address) refused UID FETCH in \(configuration.mailbox): \(status.status) \(status.text)")
        }
        return messages
    }

    private func openIfNeeded() throws(TransportError) {
        guard stream == nil else { return }
        let handle = try CurlHandle()
        try handle.configureConnection(configuration)
        try handle.set(CURLOPT_URL, IMAPAddressing.serverURL(base: configuration.url))
        stream = try CurlStream(handle, server: server, patience: configuration.operationTimeout)
        connectionsOpened += 1
        let examined = try exchange(["EXAMINE \(IMAPAddressing.quoted(configuration.mailbox))"]) { _, _ in }
        guard examined.status == "OK" else {
            let said = "\(examined.status) \(examined.text)"
            close()
            if IMAPResponse.namesMissingMailbox(said) {
                throw TransportError(.fixConfiguration, message: "mailbox \(configuration.mailbox) does not exist at \(server.address) (\(said)): check imap.mailbox")
            }
            throw TransportError(.retry, message: "\(server.address) would not open \(configuration.mailbox): \(said)")
        }
    }

    func close() {
        // Polite and never waited for: one try, whatever state the connection is in.
        stream?.sendLastWord("Z LOGOUT\r\n")
        stream = nil  // curl_easy_cleanup closes the connection
    }

    deinit { close() }

    // MARK: One command

    /// Sends the commands in one write and reads their answers to the end, handing over
    /// each message. Returns the completion of the last command, or of the first one that
    /// was not `OK` (the caller then drops the connection, whose later answers are unread).
    private func exchange(
        _ commands: [String], message: (UInt32, Data) -> Void
    ) throws(TransportError) -> (status: String, text: String) {
        let tags = commands.map { _ in
            defer { nextTag += 1 }
            return "T\(nextTag)"
        }
        guard let stream else { throw TransportError(.retry, message: "no connection to \(server.address)") }
        try stream.send(zip(tags, commands).map { "\($0) \($1)\r\n" }.joined())
        let name = commands.last?.prefix(while: { $0 != " " }) ?? ""
        var answered = 0
        var reader = FetchResponseReader(tag: tags[0])
        let deadline = ContinuousClock.now + configuration.operationTimeout
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            do {
                while let event = try reader.next() {
                    switch event {
                    case let .message(uid, raw):
                        message(uid, raw)
                    case let .completed(status, text):
                        answered += 1
                        if answered == tags.count || status != "OK" { return (status, text) }
                        reader.tag = tags[answered]
                    }
                }
            } catch {
                throw TransportError(.retry, message: "\(server.address) answered \(name) with \(error.reason): will try again on a new connection")
            }
            let count = try stream.receive(into: chunk, until: deadline)
            reader.feed(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
    }
}
