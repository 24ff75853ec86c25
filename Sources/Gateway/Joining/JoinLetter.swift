import Foundation
import MIME
import Mediation
import Store

/// Writes a letter to someone who asked to join but is not a participant yet: the
/// confirmation, or why they cannot join. Finished when queued, because there is no
/// participant row for the Dispatcher to render it from later.
///
/// `From:` and `Reply-To:` are the request's own signed confirmation address, so a plain
/// Reply is the confirmation; `To:` is only the address that asked. The letter carries the
/// loop header and `Auto-Submitted: auto-replied`, so auto-responders stay quiet.
struct JoinLetter {
    let context: GatewayContext

    /// Queues `template` to the requester of `request` in the caller's transaction.
    func queue(
        _ template: String, for request: JoinRequest, caseRecord: Case, extra: [String: Any] = [:],
        answering messageID: String? = nil, session: StoreSession, at date: Date
    ) throws {
        let requestID = request.id!
        let confirmAddress = context.addresses.address(for: .joinConfirmation(request: requestID))
        let language = request.language
        let mediator = try session.participants(caseNumber: caseRecord.number).first { $0.role == .mediator }
        var values: [String: Any] = [
            "gateway_name": context.configuration.gateway.name,
            "case_number": caseRecord.number,
            "case_title": caseRecord.title,
            "company_name": caseRecord.companyName,
            "mediator_name": mediator?.displayName ?? "",
            "deadline": Wording.date(caseRecord.deadline, language),
            "recipient_name": request.displayName,
            "fee_percent": context.configuration.mediation.feePercent,
            "max_consumers": context.configuration.mediation.maxConsumers,
        ]
        for (key, value) in extra { values[key] = value }
        let rendered: TemplateLibrary.Rendered
        do {
            rendered = try context.composer.templates.render(template, language: language.rawValue, values)
        } catch {
            throw RelayComposer.Failure(message: error.message)
        }
        let random = (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let ownID = "truce.join.\(requestID).\(random)@\(context.addresses.gateway.domain)"
        var builder = MessageBuilder()
        builder.from = MailAddress(name: context.configuration.gateway.name, address: confirmAddress)
        builder.replyTo = [MailAddress(name: nil, address: confirmAddress)]
        builder.to = [MailAddress(name: nil, address: request.originalAddress)]
        builder.subject = rendered.subject
        builder.date = date
        builder.messageID = ownID
        if let messageID { builder.inReplyTo = [messageID]; builder.references = [messageID] }
        builder.addHeader(RelayComposer.loopHeader, context.addresses.gateway.address)
        builder.addHeader("Auto-Submitted", "auto-replied")
        builder.text = rendered.body
        let raw: Data
        do {
            raw = try builder.build()
        } catch {
            throw RelayComposer.Failure(message: "cannot write the join letter for request \(requestID): \(error)")
        }
        try session.queueJoinMail(
            requestID: requestID, template: template, recipient: request.originalAddress, messageID: ownID,
            raw: raw, at: date)
    }
}
