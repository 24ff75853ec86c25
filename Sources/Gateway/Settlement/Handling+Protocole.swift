import Foundation
import MIME
import Mediation
import Store

/// Intake's part of the settlement agreement's review. The case is closed by then, so this
/// runs before the closed-case refusal: a reply from an active member of the room that
/// says `/approve` or carries a corrected version, while the case's agreement awaits review.
/// Anything else goes on to the usual checks (and is held as written to a closed case).
extension Handling {
    func takeProtocoleReview(as author: Participant, in channel: Channel, caseRecord: Case) throws -> Bool {
        guard caseRecord.state != .open, channel.kind == .room, author.isActive, channel.admits(author),
              let record = try session.protocole(caseNumber: caseRecord.number), record.state == .draft
        else { return false }
        let approves = reading.commands.commands.contains(.approve)
        let correction = protocoleCorrection()
        guard approves || correction != nil else { return false }
        // Someone else sending a file to a closed case is an ordinary late message.
        guard approves || author.id == record.reviewerID else { return false }
        let outcome = try ProtocoleDesk(context: context, session: session, now: now)
            .review(by: author, correction: correction, approves: approves)
        try answer(outcome, to: author, channel: channel)
        try session.finishProcessed(inboundID: inboundID)
        return true
    }

    /// The corrected version a reply carries, if any: the first attached text file
    /// (text/plain or text/markdown, or a .txt/.md name), with its text; else, when the only
    /// files are of a kind that cannot be cut per consumer (PDF, Word…), the first of them
    /// without text, so the reviewer is told a text version is needed; else, with no file,
    /// the reply itself when it holds the annex line (the text pasted in the body).
    func protocoleCorrection() -> (text: String?, attachment: Attachment)? {
        let files = reading.message.attachments.filter { !$0.isInline }
        if let file = files.first(where: Self.isPlainText), let text = Self.text(of: file) {
            return (text, Attachment(filename: file.filename ?? "protocole.txt", contentType: file.contentType, bytes: file.data))
        }
        if let file = files.first {
            return (nil, Attachment(filename: file.filename ?? "attachment", contentType: file.contentType, bytes: file.data))
        }
        let body = reading.reply.text.replacingOccurrences(of: "\r\n", with: "\n")
        guard ProtocoleDocument.annexStart(in: body) != nil else { return nil }
        return (body, Attachment(filename: "reply-body.txt", contentType: "text/plain", bytes: Data(body.utf8)))
    }

    /// Text the agreement can be cut from, line by line: plain text or Markdown, by type
    /// or, when a client sent it as bytes, by name. HTML, PDF and word processors are not.
    static func isPlainText(_ file: MailAttachment) -> Bool {
        let type = file.contentType.lowercased()
        if ["text/plain", "text/markdown", "text/x-markdown"].contains(type) { return true }
        let suffix = (file.filename ?? "").split(separator: ".").last?.lowercased() ?? ""
        return ["txt", "md", "markdown"].contains(suffix) && (type == "application/octet-stream" || type.hasPrefix("text/"))
    }

    /// The file's text: decoded with its declared charset when it has one, else as UTF-8.
    static func text(of file: MailAttachment) -> String? {
        if file.part.mediaType == "text", file.part.charset != nil, let text = file.part.text { return text }
        return String(data: file.data, encoding: .utf8)?.replacingOccurrences(of: "\r\n", with: "\n")
    }

    private func answer(_ outcome: ProtocoleDesk.Review, to author: Participant, channel: Channel) throws {
        let line = ProtocoleDesk.sentence(outcome, language: author.language)
        try context.postOffice.notice(
            "command_done", context: ["summary": line, "lines": [line]], to: [author], in: channel, session: session, at: now)
    }
}

extension ProtocoleDesk {
    /// What the reviewer is told after their reply.
    static func sentence(_ outcome: Review, language: Language) -> String {
        let french = language == .fr
        switch outcome {
        case let .approved(count):
            return french ? "Protocole d'accord approuvé : envoyé à \(count) destinataire(s)."
                          : "Settlement agreement approved: sent to \(count) recipient(s)."
        case .corrected:
            return french ? "Version corrigée enregistrée : elle remplace le projet. Répondez /approuver pour l'envoyer aux parties."
                          : "Corrected version recorded: it replaces the draft. Reply /approve to send it to the parties."
        case let .refused(reason):
            return reason
        case .nothingToReview:
            return french ? "Aucun protocole d'accord n'attend d'approbation dans cette médiation."
                          : "No settlement agreement awaits approval in this mediation."
        }
    }
}

extension Commands {
    /// `/approve` in an open case, or from a message the closed-case review did not take:
    /// the desk says there is nothing to approve, or who may.
    func approveProtocole() throws -> [String] {
        let outcome = try ProtocoleDesk(context: context, session: session, now: now)
            .review(by: author, correction: nil, approves: true)
        return [ProtocoleDesk.sentence(outcome, language: author.language)]
    }
}
