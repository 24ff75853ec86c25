import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small SMTP server on loopback for what the real stack cannot be made to do on demand:
/// leave PIPELINING out of its EHLO answer, or close every open connection at once (as a
/// server does with connections idle for too long). It accepts every envelope and keeps
/// each message's data as received (still dot-stuffed), and each RCPT TO address.
final class ScriptedSMTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let offersPipelining: Bool
    private let lock = NSLock()
    private var clients: Set<Int32> = []
    private var accepted = 0
    private var messages: [String] = []
    private var rcpts: [String] = []

    init(offersPipelining: Bool) throws {
        self.offersPipelining = offersPipelining
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        closeAllConnections()
    }

    var url: String { "smtp://127.0.0.1:\(port)" }
    var connectionsAccepted: Int { lock.withLock { accepted } }
    var received: [String] { lock.withLock { messages } }
    /// What followed `RCPT TO:` in each command, as written.
    var recipients: [String] { lock.withLock { rcpts } }

    /// Closes every open connection, as a server does with idle ones.
    func closeAllConnections() {
        lock.withLock { for client in clients { shutdown(client, Int32(SHUT_RDWR)) } }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            lock.withLock {
                clients.insert(client)
                accepted += 1
            }
            Thread.detachNewThread { [self] in
                serve(client)
                lock.withLock { _ = clients.remove(client) }
                close(client)
            }
        }
    }

    private func serve(_ client: Int32) {
        var pending = [UInt8]()
        func write(_ text: String) { _ = text.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        func readLine() -> String? {
            while true {
                if let end = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<end].filter { $0 != 0x0D }, as: UTF8.self)
                    pending.removeSubrange(...end)
                    return line
                }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(client, &buffer, buffer.count, 0)
                guard count > 0 else { return nil }
                pending += buffer[..<count]
            }
        }
        write("220 scripted ESMTP\r\n")
        while let line = readLine() {
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO":
                write("250-scripted\r\n" + (offersPipelining ? "250-PIPELINING\r\n" : "") + "250 8BITMIME\r\n")
            case "DATA":
                write("354 go ahead\r\n")
                var data: [String] = []
                while let part = readLine(), part != "." { data.append(part) }
                let count = lock.withLock {
                    messages.append(data.joined(separator: "\n"))
                    return messages.count
                }
                write("250 2.0.0 queued as \(count)\r\n")
            case "RCPT":
                lock.withLock { rcpts.append(String(line.dropFirst("RCPT TO:".count))) }
                write("250 ok\r\n")
            case "QUIT":
                write("221 bye\r\n")
                return
            default:
                write("250 ok\r\n")
            }
        }
    }
}
