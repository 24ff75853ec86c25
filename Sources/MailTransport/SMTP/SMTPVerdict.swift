import CCurl

/// Turns the end of one SMTP transaction into a `SendOutcome`.
enum SMTPVerdict {
    /// Accepted with the server's final reply, or refused with what to do next.
    static func outcome(of code: CURLcode, on handle: CurlHandle, envelope: Envelope, server: ServerContext) -> SendOutcome {
        guard code == CURLE_OK else {
            return .refused(refusal(handle.failure(code), envelope: envelope, server: server))
        }
        return .accepted(reply: SMTPReply.acceptance(in: handle.serverLines)?.text ?? "250")
    }

    /// The error for a failed transaction. Network, TLS and login failures mean the same
    /// as for IMAP; a refusal by the server is judged by its reply code and says which
    /// step the server refused.
    static func refusal(_ failure: CurlFailure, envelope: Envelope, server: ServerContext) -> TransportError {
        let judgedByReply = [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_WEIRD_SERVER_REPLY, CURLE_UPLOAD_FAILED, CURLE_GOT_NOTHING]
        guard judgedByReply.contains(failure.code), let reply = SMTPReply.refusal(in: failure.serverLines) else {
            return failure.transportError(at: server)
        }
        let step: String
        if failure.curlText.contains("RCPT") {
            step = "refused recipient \(envelope.recipient)"
        } else if failure.curlText.contains("MAIL") {
            step = "refused sender <\(envelope.sender)> for \(envelope.recipient)"
        } else {
            step = "refused the message for \(envelope.recipient)"
        }
        var message = "\(server.address) \(step): \(reply.text)"
        if reply.disposition == .fixConfiguration {
            message += ": check \(server.settingPrefix).user and \(server.settingPrefix).password"
        }
        return TransportError(reply.disposition, serverCode: reply.code, message: message)
    }
}
