import Mediation

/// The hold reasons as an SQL list for CHECK constraints. Adding a reason needs a migration
/// that rebuilds the check; the frozen list below keeps v6 as it was when it first ran.
enum HoldReasonSQL {
    static let v6Reasons = [
        "unknown_sender", "bad_token", "sender_mismatch", "not_a_member", "case_closed", "empty", "too_large",
        "auto_reply", "bounce", "loop", "unroutable", "authentication_failed", "withdrawn",
    ]
    static var list: String { v6Reasons.map { "'\($0)'" }.joined(separator: ", ") }
}
