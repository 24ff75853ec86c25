import Foundation
import Mediation
import Store

/// Opens an aside and greets each member (the mediator included) with a first message
/// from it, whose From and Reply-To are that member's personal aside address: from then
/// on, a plain Reply writes in the aside. Used by `/aside` and `truce aside open`.
public struct AsideOpening {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    public init(context: GatewayContext, session: StoreSession, now: Date) {
        self.context = context
        self.session = session
        self.now = now
    }

    public func open(caseRecord: Case, subject: String?, openedBy: Int64?, members: [Participant]) throws -> Channel {
        let all = try session.participants(caseNumber: caseRecord.number)
        let mediatorLanguage = all.first { $0.role == .mediator }?.language ?? caseRecord.language
        let names = members.map { $0.publicName(in: mediatorLanguage) }.joined(separator: ", ")
        let title = subject ?? (mediatorLanguage == .fr ? "Aparté : \(names)" : "Aside: \(names)")
        let aside = try session.openAside(
            caseNumber: caseRecord.number, subject: title, openedBy: openedBy,
            memberIDs: Set(members.map(\.id)), at: now)
        let everyone = aside.members(among: all)
        try context.postOffice.notice("aside_opening", kind: .asideOpening, to: everyone, in: aside, session: session, at: now)
        return aside
    }
}
