/// Why an inbound message was kept for the operator instead of posted (invariant 7).
///
/// Raw values are stable: they are stored in the database, shown by `truce held`, and name
/// the rejection-notice templates. Duplicates are not held: the inbound ledger records them
/// with state `duplicate` and a link to the original, because nothing is wrong with them.
public enum HoldReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The sender is not a participant of any case.
    case unknownSender = "unknown_sender"
    /// The tag in the address does not verify (forged, altered, unknown version).
    case badToken = "bad_token"
    /// The token names another participant than the sender: a forwarded reply address.
    case senderMismatch = "sender_mismatch"
    /// The sender is not a member of the channel the token names.
    case notAMember = "not_a_member"
    case caseClosed = "case_closed"
    /// Nothing left to post once quotes and signatures are removed.
    case empty
    case tooLarge = "too_large"
    case autoReply = "auto_reply"
    case bounce
    /// Mail the gateway sent itself, coming back.
    case loop
    /// No tag, and no reference to a message the gateway sent: no channel to post in.
    case unroutable
    /// The receiving server's checks say the sender's domain did not send it.
    case authenticationFailed = "authentication_failed"
    /// The sender withdrew from the case.
    case withdrawn

    /// Whether a known participant who sent the message gets a short rejection notice.
    ///
    /// Never for bounces, auto-replies, loops or unknown senders: answering them is
    /// backscatter or an endless loop (invariant 6). Never when authentication failed either:
    /// the From address is unproven, so the notice would go to someone who did not write.
    public var sendsNotice: Bool {
        switch self {
        case .unknownSender, .autoReply, .bounce, .loop, .authenticationFailed: false
        case .badToken, .senderMismatch, .notAMember, .caseClosed, .empty, .tooLarge, .unroutable, .withdrawn: true
        }
    }
}
