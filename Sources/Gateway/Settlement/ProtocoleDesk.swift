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
                return .refused(french ? "La version corrigée doit être un fichier texte (.txt) en UTF-8 ; le projet n'a pas changé."
                                       : "The corrected version must be a UTF-8 text file (.txt); the draft is unchanged.")
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
        try context.postOffice.notice("protocole_final", kind: .notice, context: ["document": record.text],
                                      to: whole, in: room, session: session, at: now)
        var consumers = 0
        for consumer in document.adheringConsumers where consumer.isActive {
            guard let extract = try document.extract(of: record.text, for: consumer, templates: templates) else { continue }
            try context.postOffice.notice("protocole_final", kind: .notice, context: ["document": extract],
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
        var values: [String: Any] = ["document": text]
        if noLawyer { values["no_lawyer"] = true }
        if corrected { values["corrected"] = true }
        try context.postOffice.notice("protocole_review", kind: .notice, context: values, to: [reviewer],
                                      in: try session.room(caseNumber: reviewer.caseNumber), session: session, at: now)
    }

    static func digest(_ text: String) -> String {
        RawDigest.sha256Hex(Data(text.utf8))
    }
}
