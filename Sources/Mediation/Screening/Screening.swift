import Foundation
import MIME

/// Mail that must never be answered nor relayed (invariant 6), recognised from its headers.
public enum ScreeningVerdict: String, Sendable, Hashable, CaseIterable {
    case bounce
    case autoReply
    case loop

    /// The hold reason recorded for such a message.
    public var holdReason: HoldReason {
        switch self {
        case .bounce: .bounce
        case .autoReply: .autoReply
        case .loop: .loop
        }
    }
}

/// Recognises bounces, auto-replies and the gateway's own mail coming back.
public struct Screening: Sendable {
    /// The header the gateway stamps on everything it sends, with its own address as value.
    public static let loopHeader = "X-Truce-Loop"

    public let gateway: GatewayAddress

    public init(gateway: GatewayAddress) {
        self.gateway = gateway
    }

    /// The verdict for a message, or nil for ordinary mail.
    ///
    /// - Parameters:
    ///   - headers: the message's header fields, decoded.
    ///   - returnPath: the envelope sender if known (`""` or `"<>"` for the null sender);
    ///     when nil, the `Return-Path` header is used, since IMAP loses the envelope.
    ///   - from: the From address, lowercase or not.
    public func screen(headers: HeaderFields, returnPath: String?, from: String?) -> ScreeningVerdict? {
        if isLoop(headers: headers, from: from) { return .loop }
        if isBounce(headers: headers, returnPath: returnPath, from: from) { return .bounce }
        if Self.isAutoReply(headers: headers) { return .autoReply }
        return nil
    }

    func isLoop(headers: HeaderFields, from: String?) -> Bool {
        if let from, gateway.isOwn(from) { return true }
        return headers.values(of: Self.loopHeader).contains { value in
            gateway.isOwn(value)
        }
    }

    func isBounce(headers: HeaderFields, returnPath: String?, from: String?) -> Bool {
        if let path = returnPath ?? headers.first("Return-Path") {
            let bare = path.trimmingBlanks()
            if bare.isEmpty || bare == "<>" { return true }
        }
        if let from {
            let local = Participant.matchingForm(of: from).split(separator: "@").first ?? ""
            if local == "mailer-daemon" || local == "postmaster" { return true }
        }
        if let contentType = headers.first("Content-Type"),
           contentType.trimmingBlanks().asciiLowercased.hasPrefix("multipart/report") {
            return true
        }
        return false
    }

    static func isAutoReply(headers: HeaderFields) -> Bool {
        if let submitted = headers.first("Auto-Submitted") {
            let keyword = submitted.split(separator: ";").first.map {
                $0.trimmingBlanks().mailLowercased
            } ?? ""
            if keyword != "no" { return true }
        }
        if headers.first("X-Autoreply") != nil || headers.first("X-Autorespond") != nil { return true }
        if let precedence = headers.first("Precedence")?.trimmingBlanks().mailLowercased,
           ["bulk", "junk", "list", "auto_reply"].contains(precedence) {
            return true
        }
        let subject = headers.first("Subject") ?? ""
        switch OutOfOfficeSubject.classify(subject) {
        case .definite:
            return true
        case .possible:
            // Outlook puts X-Auto-Response-Suppress on ordinary mail too; only together with
            // an out-of-office-looking subject does it mark an automatic answer.
            let suppress = headers.first("X-Auto-Response-Suppress")?.mailLowercased ?? ""
            return suppress.contains("all") || suppress.contains("oof")
        case nil:
            return false
        }
    }
}
