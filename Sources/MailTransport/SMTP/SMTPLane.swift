import CCurl
import Foundation

/// One SMTP connection of a batch: an easy handle that carries one envelope at a time
/// and is kept for the next one, so libcurl reuses the open connection.
final class SMTPLane {
    let handle: CurlHandle
    /// The envelope being sent (its index in the batch) and whether it already failed
    /// once on a connection that died while idle.
    private(set) var job: SMTPJob?
    /// libcurl reads the recipient list during the transfer, so it lives as long as it.
    private var recipients: UnsafeMutablePointer<curl_slist>?

    init(_ configuration: SMTPSender.Configuration) throws(TransportError) {
        handle = try CurlHandle()
        try handle.configureConnection(configuration)
        try handle.set(CURLOPT_UPLOAD, true)
    }

    deinit {
        curl_slist_free_all(recipients)
    }

    /// Sets the handle up for one transaction: one MAIL FROM, one RCPT TO, the bytes.
    /// libcurl dot-stuffs the data and ends it with CRLF.CRLF itself.
    func load(_ job: SMTPJob, _ envelope: Envelope) throws(TransportError) {
        unload()
        if let refusal = SMTPData.refusalOfUnsafe(envelope) { throw refusal }
        self.job = job
        handle.clearTransfer(upload: envelope.message)
        // An empty sender is the null return path: libcurl sends MAIL FROM:<> for none.
        try handle.set(CURLOPT_MAIL_FROM, envelope.sender.isEmpty ? nil : "<\(envelope.sender)>")
        recipients = curl_slist_append(nil, "<\(envelope.recipient)>")
        try handle.set(CURLOPT_MAIL_RCPT, list: recipients)
        try handle.setUploadSize(envelope.message.count)
        try handle.set(CURLOPT_FRESH_CONNECT, job.freshConnection)
    }

    /// Forgets the finished transaction.
    func unload() {
        job = nil
        curl_slist_free_all(recipients)
        recipients = nil
    }

    /// Whether the transfer failed only because a reused connection had been closed by
    /// the server while idle: nothing was answered, so sending again cannot duplicate.
    func diedWhileIdle(_ code: CURLcode) -> Bool {
        [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING].contains(code)
            && !handle.openedConnection && handle.serverLines.isEmpty
    }
}

/// One envelope of a batch waiting for, or riding on, a lane.
struct SMTPJob: Sendable, Equatable {
    var index: Int
    var freshConnection = false
}
