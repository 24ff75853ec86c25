import CCurl
import Foundation

/// One SMTP connection that pipelines its transactions (RFC 2920).
///
/// libcurl waits for each reply before the next command: MAIL, RCPT, DATA and the end of
/// the data are four round trips per message, and on a fan-out of thousands of copies the
/// waiting, not the bytes, is the cost. Here libcurl connects, starts TLS, verifies the
/// certificate and logs in (`CurlStream`); then each message costs one round trip: its
/// content and the next message's `MAIL FROM`, `RCPT TO` and `DATA` go in one write, and
/// their four replies come back together. Used only when the server offers PIPELINING.
///
/// Each envelope still gets its own outcome from its own replies, judged as libcurl's
/// transfers are (`SMTPVerdict`). Not thread-safe: one lane thread at a time.
final class SMTPPipeline {
    let server: ServerContext
    let capabilities: Capabilities
    /// Transactions finished on this connection (accepted or refused by the server).
    private(set) var transactions = 0
    private let stream: CurlStream
    private var unread: [UInt8] = []
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 14, alignment: 1)

    /// What the server said of itself in its last EHLO answer.
    struct Capabilities: Equatable {
        var pipelining = false
        var size = false
        var smtputf8 = false

        /// From the protocol lines libcurl collected while connecting: the EHLO answer is
        /// the multi-line 250 reply after the last 220 (the greeting, or STARTTLS's "go
        /// ahead", after which the client says EHLO again).
        init(serverLines: [String]) {
            let replies = SMTPReply.replies(in: serverLines)
            let afterGreeting = replies.lastIndex { $0.code == 220 }.map { replies[($0 + 1)...] } ?? replies[...]
            guard let ehlo = afterGreeting.first(where: { $0.code == 250 }) else { return }
            for line in ehlo.lines.dropFirst() {
                let keyword = line.dropFirst(4).prefix { $0 != " " }.uppercased()
                switch keyword {
                case "PIPELINING": pipelining = true
                case "SIZE": size = true
                case "SMTPUTF8": smtputf8 = true
                default: break
                }
            }
        }
    }

    /// Connects, greets, starts TLS and logs in as a libcurl transfer would.
    init(_ configuration: SMTPSender.Configuration, server: ServerContext) throws(TransportError) {
        let handle = try CurlHandle()
        try handle.configureConnection(configuration)
        stream = try CurlStream(handle, server: server, patience: configuration.operationTimeout)
        self.server = server
        capabilities = Capabilities(serverLines: handle.serverLines)
    }

    deinit {
        stream.sendLastWord("QUIT\r\n")
        chunk.deallocate()
    }

    /// The connection broke (or a reply made it unusable) with envelopes in flight: sent,
    /// or partly sent, without their final reply.
    struct Broken: Error {
        var error: TransportError
        var inFlight: [Job]
        /// Whether anything was answered on this connection during the run: if not, and it
        /// had carried mail before, the server probably closed it while it was idle.
        var anyAnswer: Bool
    }

    /// An envelope and its place in the batch.
    struct Job {
        var index: Int
        var envelope: Envelope
    }

    /// Sends envelopes taken from `next` until it has none, handing each outcome to
    /// `record`. Throws `Broken` when the connection can carry nothing more.
    func run(next: () -> Job?, record: (Int, SendOutcome) -> Void) throws(Broken) {
        var anyAnswer = false
        // Envelopes whose addresses cannot be written are refused without a word sent.
        func nextSendable() -> Job? {
            while let job = next() {
                guard let refusal = SMTPData.refusalOfUnsafe(job.envelope) else { return job }
                record(job.index, .refused(refusal))
            }
            return nil
        }
        func broken(_ error: TransportError, _ inFlight: [Job]) -> Broken {
            Broken(error: error, inFlight: inFlight, anyAnswer: anyAnswer)
        }
        func reply(_ inFlight: [Job]) throws(Broken) -> SMTPReply {
            do throws(TransportError) {
                let reply = try readReply()
                anyAnswer = true
                if reply.code == 421 {
                    // The server is closing the connection: nothing more will be answered.
                    throw TransportError(.retry, serverCode: 421, message: "\(server.address) is closing the connection: \(reply.text): will try again")
                }
                return reply
            } catch {
                throw broken(error, inFlight)
            }
        }
        func write(_ bytes: Data, _ inFlight: [Job]) throws(Broken) {
            do { try stream.send(bytes) } catch { throw broken(error, inFlight) }
        }

        guard var current = nextSendable() else { return }
        try write(command(for: current.envelope), [current])
        while true {
            let mail = try reply([current])
            let recipient = try reply([current])
            let data = try reply([current])
            if (200..<300).contains(mail.code), (200..<300).contains(recipient.code), data.code == 354 {
                let following = nextSendable()
                var bytes = SMTPData.encoded(current.envelope.message)
                if let following { bytes.append(command(for: following.envelope)) }
                let inFlight = [current] + (following.map { [$0] } ?? [])
                try write(bytes, inFlight)
                let final = try reply(inFlight)
                record(current.index, (200..<300).contains(final.code)
                    ? .accepted(reply: final.text)
                    : .refused(SMTPVerdict.refusal(final, at: .message, envelope: current.envelope, server: server)))
                transactions += 1
                guard let following else { return }
                current = following
                continue
            }
            let refusal = !(200..<300).contains(mail.code)
                ? SMTPVerdict.refusal(mail, at: .sender, envelope: current.envelope, server: server)
                : !(200..<300).contains(recipient.code)
                ? SMTPVerdict.refusal(recipient, at: .recipient, envelope: current.envelope, server: server)
                : SMTPVerdict.refusal(data, at: .message, envelope: current.envelope, server: server)
            record(current.index, .refused(refusal))
            transactions += 1
            if data.code == 354 {
                // The server wants the data of a transaction it refused a step of: there is
                // no way to end the data without sending a message, so the connection goes.
                throw broken(TransportError(.retry, message: "\(server.address) accepted DATA after refusing the envelope: connection dropped"), [])
            }
            // Start clean: RSET, then the next envelope, in one write.
            let following = nextSendable()
            let inFlight = following.map { [$0] } ?? []
            try write(Data("RSET\r\n".utf8) + (following.map { command(for: $0.envelope) } ?? Data()), inFlight)
            let reset = try reply(inFlight)
            guard (200..<300).contains(reset.code) else {
                throw broken(TransportError(.retry, message: "\(server.address) refused RSET: \(reset.text)"), inFlight)
            }
            guard let following else { return }
            current = following
        }
    }

    /// `MAIL FROM`, `RCPT TO` and `DATA` for one envelope, to go in one write.
    private func command(for envelope: Envelope) -> Data {
        var mail = "MAIL FROM:<\(envelope.sender)>"
        if capabilities.size { mail += " SIZE=\(envelope.message.count)" }
        if capabilities.smtputf8, !(envelope.sender + envelope.recipient).utf8.allSatisfy({ $0 < 0x80 }) {
            mail += " SMTPUTF8"
        }
        return Data("\(mail)\r\nRCPT TO:<\(envelope.recipient)>\r\nDATA\r\n".utf8)
    }

    /// The next whole reply (`250-…` continuation lines, then `250 …`).
    private func readReply() throws(TransportError) -> SMTPReply {
        var lines: [String] = []
        let deadline = ContinuousClock.now + stream.patience
        var scanned = 0
        while true {
            if let end = unread[scanned...].firstIndex(of: 0x0A) {
                var line = unread[..<end]
                if line.last == 0x0D { line = line.dropLast() }
                unread.removeSubrange(...end)
                scanned = 0
                let text = String(decoding: line, as: UTF8.self)
                guard let (code, continues) = SMTPReply.code(of: text) else {
                    throw TransportError(.retry, message: "\(server.address) answered something that is not an SMTP reply (\(text.prefix(80).debugDescription)): will try again")
                }
                lines.append(text)
                if !continues { return SMTPReply(code: code, lines: lines) }
                continue
            }
            scanned = unread.count
            let count = try stream.receive(into: chunk, until: deadline)
            unread.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
    }
}
