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
        let step: Step = failure.curlText.contains("RCPT") ? .recipient : failure.curlText.contains("MAIL") ? .sender : .message
        return refusal(reply, at: step, envelope: envelope, server: server)
    }

    /// Which command of a transaction the server refused.
    enum Step {
        case sender, recipient, message
    }

    /// The error for a reply that refused one step of a transaction, naming the step.
    static func refusal(_ reply: SMTPReply, at step: Step, envelope: Envelope, server: ServerContext) -> TransportError {
        let what = switch step {
        case .recipient: "refused recipient \(envelope.recipient)"
        case .sender: "refused sender <\(envelope.sender)> for \(envelope.recipient)"
        case .message: "refused the message for \(envelope.recipient)"
        }
        var message = "\(server.address) \(what): \(reply.text)"
        if reply.disposition == .fixConfiguration {
            message += ": check \(server.settingPrefix).user and \(server.settingPrefix).password"
        }
        return TransportError(reply.disposition, serverCode: reply.code, message: message)
    }
}
