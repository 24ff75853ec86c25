import CCurl
import Foundation

/// The one IMAP connection an `IMAPMailbox` keeps: a reused easy handle, so libcurl logs
/// in once and skips `SELECT` while the mailbox stays the same.
///
/// Not thread-safe; `IMAPMailbox` holds it behind a lock.
final class IMAPConnection {
    let configuration: IMAPMailbox.Configuration
    let server: ServerContext
    private let handle: CurlHandle
    /// Connections opened so far; with reuse it stays at 1.
    private(set) var connectionsOpened = 0

    init(_ configuration: IMAPMailbox.Configuration) throws(TransportError) {
        self.configuration = configuration
        server = ServerContext(
            protocolName: "IMAP", url: configuration.url, username: configuration.username,
            caFile: configuration.caFile, settingPrefix: "imap"
        )
        handle = try CurlHandle()
        try handle.configureConnection(configuration)
    }

    /// Runs one IMAP operation: `command` is a custom command (its untagged answers come
    /// back), nil fetches what `url` names (the message bytes come back).
    ///
    /// A connection the server closed while idle shows up as a send or receive error on
    /// reuse, before the server answered anything: that case is retried once on a new
    /// connection. Nothing is retried after the server answered, so no command runs twice.
    func run(url: String, command: String?) -> Result<Data, CurlFailure> {
        var result = attempt(url: url, command: command, fresh: false)
        if case .failure(let failure) = result, diedWhileIdle(failure) {
            result = attempt(url: url, command: command, fresh: true)
        }
        return result
    }

    private func attempt(url: String, command: String?, fresh: Bool) -> Result<Data, CurlFailure> {
        handle.clearTransfer()
        do {
            try handle.set(CURLOPT_URL, url)
            try handle.set(CURLOPT_CUSTOMREQUEST, command)
            try handle.set(CURLOPT_FRESH_CONNECT, fresh)
        } catch {
            return .failure(CurlFailure(code: CURLE_FAILED_INIT, curlText: error.message))
        }
        let code = handle.perform()
        if handle.openedConnection { connectionsOpened += 1 }
        guard code == CURLE_OK else { return .failure(handle.failure(code)) }
        return .success(handle.received)
    }

    private func diedWhileIdle(_ failure: CurlFailure) -> Bool {
        let broken = [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING].contains(failure.code)
        return broken && !handle.openedConnection && failure.serverLines.isEmpty
    }
}
