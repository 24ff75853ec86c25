import Foundation
import Mediation
import Store

/// Closes a case's room and tells every active participant, with the outcome so far.
/// Used by `/close`, and by the clock when the deadline passes.
struct RoomClosing {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func close(_ caseRecord: Case, settled: Bool) throws {
        guard caseRecord.state == .open else { return }
        if settled { try SettlementRecording(context: context, session: session, now: now).record(caseRecord) }
        // Tell everyone first: the closing notice is the room's last post.
        let participants = try session.participants(caseNumber: caseRecord.number).filter(\.isActive)
        let room = try session.room(caseNumber: caseRecord.number)
        for language in Language.allCases {
            let readers = participants.filter { $0.language == language }
            let outcome = settled
                ? (language == .fr ? "un accord a été trouvé" : "an agreement was reached")
                : (language == .fr ? "sans accord à ce jour" : "without an agreement so far")
            try context.postOffice.notice(
                "room_closed", context: ["outcome": outcome], to: readers, in: room, session: session, at: now)
        }
        try session.closeCase(number: caseRecord.number, settled: settled, at: now)
        if settled { try ProtocoleDesk(context: context, session: session, now: now).draft(caseNumber: caseRecord.number) }
    }
}
