import Foundation
import MIME
import Mediation
import Store

/// Writes a case's whole record into a directory, for the file kept after the mediation.
///
/// Reads every post of the case (with the raw message it came from, when it came by mail),
/// the settlement ledger, the settlement agreement and the audit chain; writes only files
/// in `directory`, which is created if needed. Files:
/// - `posts.mbox`: every post outside the notes, oldest first; a participant's post as the
///   raw message the gateway received, a gateway's own post as the copy its first recipient
///   was sent (same template, same Message-ID);
/// - `notes.mbox`: the mediator's notes, as received;
/// - `ledger.csv`, `ledger.json`: when the case was settled;
/// - `protocole.txt` (and the reviewer's corrected file as it came): when there is one;
/// - `audit.jsonl`: one audit event per line, in chain order, with what its hash covers
///   (case, sequence, kind, payload, timestamp in milliseconds) and the hashes.
/// Nothing is written to the store. An I/O failure throws, and files already written stay.
public struct CaseExport: Sendable {
    public let context: GatewayContext

    public init(context: GatewayContext) {
        self.context = context
    }

    /// What was written, for the operator.
    public struct Summary: Sendable, Equatable {
        public var posts = 0
        public var notes = 0
        public var auditEvents = 0
        public var files: [String] = []

        public var text: String {
            "\(posts) post(s), \(notes) note(s), \(auditEvents) audit event(s); wrote \(files.joined(separator: ", "))"
        }
    }

    public func write(caseNumber: Int64, to directory: URL) throws -> Summary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var summary = Summary()
        func save(_ name: String, _ data: Data) throws {
            try data.write(to: directory.appendingPathComponent(name), options: .atomic)
            summary.files.append(name)
        }
        try context.store.read { session in
            guard try session.case(number: caseNumber) != nil else { throw StoreError.noSuchCase(caseNumber) }
            let notesChannel = try session.notes(caseNumber: caseNumber).id
            let participants = Dictionary(uniqueKeysWithValues: try session.participants(caseNumber: caseNumber).map { ($0.id, $0) })
            var posts = Mbox()
            var notes = Mbox()
            var shelf = CopyShelf()
            for post in try session.posts(caseNumber: caseNumber) {
                let (raw, sender) = try message(for: post, participants: participants, shelf: &shelf, session: session)
                if post.channelID == notesChannel {
                    notes.append(raw, sender: sender, date: post.createdAt)
                    summary.notes += 1
                } else {
                    posts.append(raw, sender: sender, date: post.createdAt)
                    summary.posts += 1
                }
            }
            try save("posts.mbox", posts.data)
            try save("notes.mbox", notes.data)

            if let ledger = try session.settlementLedger(caseNumber: caseNumber) {
                try save("ledger.csv", Data(ledger.csv().utf8))
                try save("ledger.json", Data((try ledger.json() + "\n").utf8))
            }
            if let protocole = try session.protocole(caseNumber: caseNumber) {
                try save("protocole.txt", Data(protocole.text.utf8))
                if let bytes = protocole.correctedBytes, let filename = protocole.correctedFilename {
                    try save("protocole-corrected-" + Self.safeFilename(filename), bytes)
                }
            }

            let events = try session.auditEvents(caseNumber: caseNumber)
            var lines = Data()
            for (index, event) in events.enumerated() {
                lines.append(try Self.jsonLine(event, sequence: event.sequence.map(Int.init) ?? index + 1))
            }
            summary.auditEvents = events.count
            try save("audit.jsonl", lines)
        }
        return summary
    }

    /// The message a post stands for, and its envelope sender for the mbox separator.
    private func message(for post: Post, participants: [Int64: Participant], shelf: inout CopyShelf,
                         session: StoreSession) throws -> (Data, String) {
        if let inboundID = post.inboundID, let inbound = try session.inbound(id: inboundID) {
            let from = MailMessage(parsing: inbound.raw).from.first?.address
            return (inbound.raw, from ?? post.authorID.flatMap { participants[$0]?.originalAddress } ?? "")
        }
        if post.template != nil, let first = try session.deliveries(postID: post.id!).first {
            let raw = try shelf.compose(first, context: context, session: session, date: post.createdAt)
            return (raw, context.addresses.gateway.address)
        }
        // A post with nobody to receive it (or whose mail is gone): its stored text.
        var builder = MessageBuilder()
        builder.from = MailAddress(
            name: nil, address: post.authorID.flatMap { participants[$0]?.originalAddress } ?? context.addresses.gateway.address)
        builder.subject = post.subject.isEmpty ? (post.template ?? "") : post.subject
        builder.date = post.createdAt
        builder.messageID = "truce.post.\(post.id!)@\(context.addresses.gateway.domain)"
        builder.text = (post.fullText.isEmpty ? post.replyText : post.fullText) + "\n"
        return (try builder.build(), context.addresses.gateway.address)
    }

    static func jsonLine(_ event: AuditEvent, sequence: Int) throws -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let object: [String: Any] = [
            "case": event.caseNumber ?? 0,
            "sequence": sequence,
            // What the hash covers, so the file can be checked without the database.
            "timestamp_ms": Int64((event.createdAt.timeIntervalSince1970 * 1_000).rounded()),
            "kind": event.kind,
            "payload": event.payload,
            "created_at": formatter.string(from: event.createdAt),
            "prev_hash": event.prevHash ?? NSNull(),
            "hash": event.hash ?? NSNull(),
        ]
        var line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        line.append(0x0A)
        return line
    }

    static func safeFilename(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
        return cleaned.hasPrefix(".") ? "_" + cleaned : cleaned
    }
}
