/// Where an audit chain stops holding: the first entry that fails, and how.
///
/// Everything from that entry on is suspect; the entries before it are intact. The
/// operator restores the case record from a backup and compares.
public struct AuditChainBreak: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The entry's hash does not match its fields and its predecessor's hash: this row
        /// was changed, or a row before it was removed, inserted or moved.
        case hashMismatch
        /// The hashes hold but the sequence does not count 1, 2, 3…
        case outOfSequence
        /// The entry belongs to another case.
        case otherCase
        /// Every entry holds but the last hash is not the head recorded elsewhere: rows were
        /// removed from the end (or added).
        case headMismatch
    }

    /// Position of the failing entry in the list verified (`count` for a head mismatch).
    public let index: Int
    /// The sequence number the failing entry carries (for a head mismatch, the next one).
    public let sequence: Int64
    public let reason: Reason

    public var description: String {
        switch reason {
        case .hashMismatch: "audit entry \(sequence) (row \(index + 1)) does not match its hash: it or a row before it was altered"
        case .outOfSequence: "audit entry at row \(index + 1) carries sequence \(sequence), expected \(index + 1)"
        case .otherCase: "audit entry \(sequence) (row \(index + 1)) belongs to another case"
        case .headMismatch: "the audit chain ends at row \(index) but the recorded head hash differs: rows are missing at the end"
        }
    }
}
