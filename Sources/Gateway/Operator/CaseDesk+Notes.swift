import Foundation
import Mediation
import Store

extension CaseDesk {
    /// A note in the mediator's case file, with its attachments.
    public struct FiledNote: Sendable {
        public var post: Post
        public var attachments: [Attachment]
    }

    /// The posts of a case's notes, oldest first.
    public func caseNotes(caseNumber: Int64) throws -> [FiledNote] {
        try store.read { session in
            _ = try existingCase(caseNumber, in: session)
            let notes = try session.notes(caseNumber: caseNumber)
            return try session.posts(channelID: notes.id).map { post in
                FiledNote(post: post, attachments: try session.attachments(postID: post.id!))
            }
        }
    }

    /// `truce case notes`: date, subject, the start of the text, and attachments.
    public static func text(_ notes: [FiledNote], caseNumber: Int64) -> String {
        guard !notes.isEmpty else { return "Case \(caseNumber) has no notes yet.\n" }
        var lines: [String] = []
        for note in notes {
            let subject = note.post.subject.isEmpty ? "(no subject)" : note.post.subject
            lines.append("\(OperatorJSON.date(note.post.createdAt))  \(subject)")
            lines.append("  " + excerpt(note.post.replyText.isEmpty ? note.post.fullText : note.post.replyText))
            for attachment in note.attachments {
                let size = ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file)
                lines.append("  attachment: \(attachment.filename) (\(size)\(attachment.dropped ? ", dropped: \(attachment.dropReason ?? "refused")" : ""))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first 160 characters of a text on one line.
    static func excerpt(_ text: String, length: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !flat.isEmpty else { return "(no text)" }
        return flat.count > length ? String(flat.prefix(length)) + "…" : flat
    }
}
