import Foundation
import Mediation
import Store

/// The gateway's answer to one party about a lifecycle step (an offer recorded or not, a
/// ballot counted or refused, the tally), written in the party's language by the caller.
struct LifecycleReply {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func send(_ summary: String, _ lines: [String], to participant: Participant) throws {
        let room = try session.room(caseNumber: participant.caseNumber)
        try context.postOffice.notice(
            "lifecycle_reply", context: ["summary": summary, "lines": lines],
            to: [participant], in: room, session: session, at: now)
    }
}
