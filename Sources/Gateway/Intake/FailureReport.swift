import Foundation
import Mediation
import Store

/// Tells a case's mediator that a participant cannot be reached, once per participant per day.
struct FailureReport {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func tellMediator(delivery: Delivery, reply: String) throws {
        let participants = try session.participants(caseNumber: delivery.caseNumber)
        guard let failed = participants.first(where: { $0.id == delivery.recipientID }),
              let mediator = participants.first(where: { $0.role == .mediator && $0.isActive }),
              mediator.id != failed.id,
              // The notices ledger keys on the failed participant's address and `bounce`: no
              // sender ever gets a `bounce` notice, so the key is free for this use.
              try session.shouldSendNotice(sender: failed.address, reason: .bounce, on: now)
        else { return }
        try context.postOffice.notice(
            "delivery_failed",
            context: [
                "failed_public_name": failed.publicName(in: mediator.language),
                "failed_role": Wording.role(failed.role, mediator.language),
                "server_reply": String(reply.prefix(500)),
            ],
            to: [mediator], in: try session.room(caseNumber: delivery.caseNumber), session: session, at: now)
    }
}
