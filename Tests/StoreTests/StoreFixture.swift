import Foundation
import Mediation
@testable import Store

/// A store holding one case: a mediator, Acme's legal team of one, two consumers, an expert.
struct StoreFixture {
    static let opening = Date(timeIntervalSince1970: 1_800_000_000)
    let store: MediationStore
    let caseFile: Case
    let mediator: Participant
    let company: Participant
    let consumer1: Participant
    let consumer2: Participant
    let expert: Participant
    let room: Channel

    init() throws {
        store = try MediationStore.inMemory()
        let at = Self.opening
        caseFile = try store.createCase(title: "Frais cachés", companyName: "Acme", language: .fr, openedAt: at)
        let number = caseFile.number
        mediator = try store.addParticipant(caseNumber: number, role: .mediator, address: "marie@mediation.example", displayName: "Marie Martin", language: .fr, at: at)
        company = try store.addParticipant(caseNumber: number, role: .company, address: "legal@acme.example", displayName: "Acme (legal team)", language: .en, at: at)
        consumer1 = try store.addParticipant(caseNumber: number, role: .consumer, address: "Jean@Example.fr", displayName: "Jean Dupont", language: .fr, at: at)
        consumer2 = try store.addParticipant(caseNumber: number, role: .consumer, address: "zoe@example.com", displayName: "Zoe", language: .en, at: at)
        expert = try store.addParticipant(caseNumber: number, role: .expert, address: "expert@lab.example", displayName: "Dr Expert", language: .en, at: at)
        room = try store.read { try $0.room(caseNumber: number) }
    }

    func message(in channel: Channel, by author: Participant?, inbound: Int64? = nil, parent: Int64? = nil) -> Post {
        Post(caseNumber: caseFile.number, channelID: channel.id, authorID: author?.id, inboundID: inbound, parentID: parent,
             kind: .message, subject: "Re: Frais", replyText: "Bonjour", fullText: "Bonjour\n> old", createdAt: Self.opening)
    }

    static func stamp(_ deliveryID: Int64, _ recipientID: Int64) -> String {
        "<d\(deliveryID).r\(recipientID)@mediation.test>"
    }

    func inbound(_ text: String, messageID: String?, uid: Int64, uidValidity: Int64 = 1) throws -> InboundOutcome {
        try store.recordInbound(raw: Data(text.utf8), uidValidity: uidValidity, uid: uid, messageID: messageID,
                                sha256: Self.sha(text), receivedAt: Self.opening)
    }

    /// A stand-in digest: 64 hex characters that differ per text, as the schema requires.
    static func sha(_ text: String) -> String {
        var hasher = text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        var hex = ""
        for _ in 0..<4 {
            hex += String(format: "%016llx", hasher)
            hasher = hasher &* 6_364_136_223_846_793_005 &+ 1
        }
        return hex
    }
}
