import Foundation
import Mediation
import Store

/// The settlement agreement's way from draft to the parties, inside the caller's transaction.
///
/// `draft` runs when a case is closed as settled: it stores the rendered agreement and sends
/// it for review to the lawyer (to the mediator, with a note, when the case has none).
/// `correct` replaces the draft with the reviewer's corrected text; `approve` freezes it and
/// sends it to every party: the company, the mediator and the lawyer read it whole, each
/// adhering consumer reads it with their own annex line only. Every step is an audit event
/// carrying the SHA-256 of the text it concerns. A template that cannot be rendered throws,
/// and the caller's transaction (the closing, or the reviewer's reply) rolls back.
struct ProtocoleDesk {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    var templates: TemplateLibrary { context.composer.templates }

    /// The outcome of a reviewer's reply, said back to them.
    enum Review: Equatable {
        case approved(recipients: Int)
        case corrected
        case refused(String)
        case nothingToReview
    }

    /// Renders, stores and sends the draft of a case just recorded as settled.
    func draft(caseNumber: Int64) throws {
        let document = try ProtocoleDocument(caseNumber: caseNumber, session: session, date: now)
        let text = try document.whole(templates: templates)
        let active = document.participants.filter(\.isActive)
        let lawyer = active.first { $0.role == .lawyer }
        guard let reviewer = lawyer ?? active.first(where: { $0.role == .mediator }) else { return }
        try session.draftProtocole(caseNumber: caseNumber, language: document.language.rawValue, text: text,
                                   reviewerID: reviewer.id, at: now)
        try CaseAudit.append(caseNumber: caseNumber, kind: "protocole.drafted",
                             detail: ["reviewer": String(reviewer.id), "sha256": Self.digest(text)],
                             session: session, at: now)
        try sendForReview(text, to: reviewer, noLawyer: lawyer == nil, corrected: false)
    }

    /// A reply from `author` about the agreement: a corrected text (nil if none came) and
    /// whether it approves.
    func review(by author: Participant, correction: (text: String?, attachment: Attachment)?, approves: Bool) throws -> Review {
        guard let record = try session.protocole(caseNumber: author.caseNumber), record.state == .draft else {
            return .nothingToReview
        }
        let french = author.language == .fr
        guard author.id == record.reviewerID else {
            return .refused(french ? "Seul l'avocat chargé de la relecture peut approuver ou corriger le protocole d'accord."
                                   : "Only the lawyer reviewing the settlement agreement may approve or correct it.")
        }
        if let correction {
            guard let text = correction.text else {
                return .refused(Self.needsText(correction.attachment.filename, french: french))
            }
            let document = try ProtocoleDocument(caseNumber: author.caseNumber, session: session, date: now)
            if let problem = document.problem(withCorrection: text) {
                return .refused(french ? "La version corrigée n'a pas été retenue : \(problem). Le projet n'a pas changé."
                                       : "The corrected version was not taken: \(problem). The draft is unchanged.")
            }
            try session.correctProtocole(caseNumber: author.caseNumber, text: text, filename: correction.attachment.filename,
                                         contentType: correction.attachment.contentType,
                                         bytes: correction.attachment.bytes ?? Data(text.utf8), at: now)
            try CaseAudit.append(caseNumber: author.caseNumber, kind: "protocole.corrected",
                                 detail: ["by": String(author.id), "sha256": Self.digest(text)], session: session, at: now)
            if !approves {
                try sendForReview(text, to: author, noLawyer: author.role != .lawyer, corrected: true)
                return .corrected
            }
        }
        guard approves else { return .nothingToReview }
        return .approved(recipients: try approve(by: author))
    }

    /// Freezes the draft and sends the agreement to every party; returns how many received it.
    private func approve(by author: Participant) throws -> Int {
        guard let record = try session.approveProtocole(caseNumber: author.caseNumber, by: author.id, at: now) else { return 0 }
        let document = try ProtocoleDocument(caseNumber: author.caseNumber, session: session, date: now)
        let room = try session.room(caseNumber: author.caseNumber)
        let whole = document.participants.filter { $0.isActive && [Role.company, .mediator, .lawyer].contains($0.role) }
        try context.postOffice.notice("protocole_final", kind: .notice, context: file(record.text, document: document),
                                      to: whole, in: room, session: session, at: now)
        var consumers = 0
        for consumer in document.adheringConsumers where consumer.isActive {
            guard let extract = try document.extract(of: record.text, for: consumer, templates: templates) else { continue }
            try context.postOffice.notice("protocole_final", kind: .notice, context: file(extract, document: document),
                                          to: [consumer], in: room, session: session, at: now)
            consumers += 1
        }
        try CaseAudit.append(caseNumber: author.caseNumber, kind: "protocole.approved",
                             detail: ["by": String(author.id), "sha256": Self.digest(record.text),
                                      "whole_copies": String(whole.count), "consumer_copies": String(consumers)],
                             session: session, at: now)
        return whole.count + consumers
    }

    private func sendForReview(_ text: String, to reviewer: Participant, noLawyer: Bool, corrected: Bool) throws {
        let document = try ProtocoleDocument(caseNumber: reviewer.caseNumber, session: session, date: now)
        var values = try file(text, document: document)
        if noLawyer { values["no_lawyer"] = true }
        if corrected { values["corrected"] = true }
        try context.postOffice.notice("protocole_review", kind: .notice, context: values, to: [reviewer],
                                      in: try session.room(caseNumber: reviewer.caseNumber), session: session, at: now)
    }

    /// The values that make the agreement travel as an attached UTF-8 text file (see
    /// `RelayComposer.noticeFile`), named in the case's language from
    /// `Templates/<lang>/protocole_filename.mustache`: a file the lawyer can edit and send
    /// back, and that each consumer keeps, rather than a long body.
    private func file(_ text: String, document: ProtocoleDocument) throws -> [String: Any] {
        let file = try document.file(of: text, templates: templates)
        return ["attachment": ["filename": file.filename, "text": file.text], "attachment_name": file.filename]
    }

    /// Why a PDF, a Word file or any file that is not text cannot replace the draft.
    static func needsText(_ filename: String, french: Bool) -> String {
        french
            ? "« \(filename) » ne peut pas remplacer le projet : il faut une version en texte (un fichier .txt en UTF-8, "
                + "ou le texte collé dans votre réponse). Chaque consommateur ne reçoit que sa propre ligne de l'annexe, "
                + "découpée dans le texte du protocole : c'est impossible dans un PDF ou un document Word. "
                + "Le projet n'a pas changé."
            : "\"\(filename)\" cannot replace the draft: a text version is needed (a UTF-8 .txt file, or the text "
                + "pasted in your reply). Each consumer receives only their own line of the annex, cut out of the "
                + "agreement's text: that cannot be done in a PDF or a Word document. The draft is unchanged."
    }

    static func digest(_ text: String) -> String {
        RawDigest.sha256Hex(Data(text.utf8))
    }
}
