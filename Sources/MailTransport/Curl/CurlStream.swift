import CCurl
import Foundation

/// A connection libcurl opened and then handed over: it connects, greets, starts TLS,
/// verifies the certificate and logs in (`CURLOPT_CONNECT_ONLY`), and the protocol that
/// follows is ours, spoken in bytes over libcurl's send and receive calls (which encrypt
/// and decrypt). Used where libcurl's own transfers cost a round trip too many: the IMAP
/// batch fetch and the pipelined SMTP client.
///
/// Not thread-safe: one owner at a time.
final class CurlStream {
    let handle: CurlHandle
    let server: ServerContext
    /// How long one send or one wait for an answer may take.
    let patience: Duration
    private let socket: Int32

    /// Connects with the handle as configured (URL, login, TLS); throws as a transfer would.
    init(_ handle: CurlHandle, server: ServerContext, patience: Duration) throws(TransportError) {
        self.handle = handle
        self.server = server
        self.patience = patience
        try handle.set(CURLOPT_CONNECT_ONLY, 1)
        let code = handle.perform()
        guard code == CURLE_OK else { throw handle.failure(code).transportError(at: server) }
        // libcurl writes a curl_socket_t (an int) through the pointer: read those bytes.
        var value = 0
        _ = ccurl_getinfo_long(handle.raw, CURLINFO_ACTIVESOCKET, &value)
        socket = withUnsafeBytes(of: &value) { $0.load(as: Int32.self) }
        guard socket >= 0 else {
            throw TransportError(.retry, message: "libcurl connected to \(server.address) but gave no socket: will try again")
        }
    }

    /// Writes every byte, waiting while the socket is full.
    func send(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        var offset = 0
        let deadline = ContinuousClock.now + patience
        while offset < bytes.count {
            var sent = 0
            let code = curl_easy_send(handle.raw, bytes.baseAddress! + offset, bytes.count - offset, &sent)
            switch code {
            case CURLE_OK:
                offset += sent
            case CURLE_AGAIN:
                try wait(for: Int16(POLLOUT), until: deadline)
            default:
                throw broken(code)
            }
        }
    }

    func send(_ bytes: Data) throws(TransportError) {
        var failure: TransportError?
        bytes.withUnsafeBytes { buffer in
            do throws(TransportError) { try send(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    func send(_ text: String) throws(TransportError) {
        try send(Data(text.utf8))
    }

    /// Reads what the connection has, waiting for it when there is nothing yet. libcurl
    /// may hold decrypted bytes already, so the socket is polled only after it said AGAIN.
    func receive(into chunk: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) throws(TransportError) -> Int {
        while true {
            var count = 0
            let code = curl_easy_recv(handle.raw, chunk.baseAddress, chunk.count, &count)
            switch code {
            case CURLE_OK:
                guard count > 0 else {
                    throw TransportError(.retry, message: "\(server.address) closed the \(server.protocolName) connection mid-answer: will try again")
                }
                return count
            case CURLE_AGAIN:
                try wait(for: Int16(POLLIN), until: deadline)
            default:
                throw broken(code)
            }
        }
    }

    /// One try at a polite last word (LOGOUT, QUIT), never waited for.
    func sendLastWord(_ text: String) {
        var sent = 0
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { curl_easy_send(handle.raw, $0.baseAddress, $0.count, &sent) }
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(TransportError) {
        let left = deadline - ContinuousClock.now
        guard left > .zero else {
            throw TransportError(.retry, message: "\(server.address) did not answer in time: the server is slow or unreachable")
        }
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let ready = poll(&descriptor, 1, Int32(clamping: left.milliseconds))
        if ready < 0, errno != EINTR {
            throw TransportError(.retry, message: "waiting for \(server.address) failed: \(String(cString: strerror(errno)))")
        }
    }

    private func broken(_ code: CURLcode) -> TransportError {
        CurlFailure(code: code, curlText: String(cString: curl_easy_strerror(code))).transportError(at: server)
    }
}
