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
        let approves = CommandBlock(parsing: reading.reply.text).commands.contains(.approve)
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

    /// The first attached file, with its text when it is UTF-8 text.
    func protocoleCorrection() -> (text: String?, attachment: Attachment)? {
        guard let file = reading.message.attachments.first(where: { !$0.isInline }) else { return nil }
        let attachment = Attachment(filename: file.filename ?? "protocole.txt", contentType: file.contentType, bytes: file.data)
        let isText = file.contentType.lowercased().hasPrefix("text/")
            || ["txt", "md"].contains((file.filename ?? "").split(separator: ".").last?.lowercased() ?? "")
        let text = isText ? String(data: file.data, encoding: .utf8)?.replacingOccurrences(of: "\r\n", with: "\n") : nil
        return (text, attachment)
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
