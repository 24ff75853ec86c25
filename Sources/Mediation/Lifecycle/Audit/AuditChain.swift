import Foundation

/// A case's tamper-evident record of events: each entry's hash covers its fields and the
/// previous entry's hash, so changing, removing or reordering any row breaks every hash
/// after it.
///
/// The chain detects a removed last row only against a head hash kept elsewhere (sent in
/// the closing email, printed in the ledger): pass it as `expectedHead` to `verify`.
public struct AuditChain: Sendable, Hashable {
    public let caseID: Int64
    public private(set) var entries: [AuditEntry]

    /// A new, empty chain.
    public init(caseID: Int64) {
        self.caseID = caseID
        self.entries = []
    }

    /// A chain read back from the store, refused if it is not intact, so that nothing is
    /// appended to a broken record.
    public init(caseID: Int64, resuming entries: [AuditEntry]) throws(AuditChainBreak) {
        if case .failure(let broken) = Self.verify(entries, caseID: caseID) { throw broken }
        self.caseID = caseID
        self.entries = entries
    }

    /// The hash of the last entry; genesis while the chain is empty.
    public var head: AuditHash { entries.last?.hash ?? .genesis }

    /// Appends an event. The timestamp is kept to the millisecond (see `AuditEntry`).
    @discardableResult
    public mutating func append(kind: String, payload: String, at timestamp: Date) -> AuditEntry {
        let instant = Date(timeIntervalSince1970: Double(AuditEntry.milliseconds(timestamp)) / 1_000)
        let sequence = Int64(entries.count) + 1
        let entry = AuditEntry(caseID: caseID, sequence: sequence, kind: kind, payload: payload, timestamp: instant,
                               hash: AuditEntry.hash(caseID: caseID, sequence: sequence, kind: kind, payload: payload,
                                                     timestamp: instant, previous: head))
        entries.append(entry)
        return entry
    }

    /// Checks a chain from its first entry: the head hash if intact, or the first entry that
    /// does not hold. Entries must be in sequence order, 1, 2, 3…, all of one case.
    public static func verify(_ entries: [AuditEntry], caseID: Int64? = nil,
                              expectedHead: AuditHash? = nil) -> Result<AuditHash, AuditChainBreak> {
        var previous = AuditHash.genesis
        let caseID = caseID ?? entries.first?.caseID
        for (index, entry) in entries.enumerated() {
            func broken(_ reason: AuditChainBreak.Reason) -> Result<AuditHash, AuditChainBreak> {
                .failure(AuditChainBreak(index: index, sequence: entry.sequence, reason: reason))
            }
            if entry.expectedHash(after: previous) != entry.hash { return broken(.hashMismatch) }
            if entry.sequence != Int64(index) + 1 { return broken(.outOfSequence) }
            if entry.caseID != caseID { return broken(.otherCase) }
            previous = entry.hash
        }
        if let expectedHead, expectedHead != previous {
            return .failure(AuditChainBreak(index: entries.count, sequence: Int64(entries.count) + 1, reason: .headMismatch))
        }
        return .success(previous)
    }
}
