import Foundation
import Mediation
import Store

/// Writes posts with their deliveries: the one place that decides who receives a post.
///
/// Every post is committed with one delivery row per recipient in the caller's transaction
/// (invariant 2). Recipients come from the channel's own rules (`Channel.recipients`), and
/// the database refuses a delivery to anyone outside the channel (invariant 3), so a wrong
/// list here fails loudly instead of leaking.
public struct PostOffice: Sendable {
    public let addresses: ReplyAddressCodec

    public init(addresses: ReplyAddressCodec) {
        self.addresses = addresses
    }

    /// A copy's Message-ID. The random part keeps ids unique across databases (a demo run
    /// again, a restored backup), the delivery id makes them readable and unique within
    /// one, so the copies of a post share one random part. The copy's bounce address is
    /// signed when it is sent, not here: nothing looks it up, and a secret rotated meanwhile
    /// then signs it with the current key.
    func stamp(deliveryID: Int64, random: String) -> String {
        "truce.\(deliveryID).\(random)@\(addresses.gateway.domain)"
    }

    /// Relays a participant's post to every other active member of its channel.
    @discardableResult
    public func relay(
        _ post: Post, attachments: [Attachment] = [], in channel: Channel, session: StoreSession, at date: Date
    ) throws -> CommittedPost {
        let participants = try session.participants(caseNumber: channel.caseNumber)
        let author = participants.first { $0.id == post.authorID }
        let recipients = channel.recipients(ofPostBy: author, among: participants).map(\.id)
        return try commit(post, attachments: attachments, recipients: recipients, session: session, at: date)
    }

    /// A message of the gateway's own, written from `template` in each recipient's language.
    ///
    /// `context` holds values for the template beyond the ones every copy has (case,
    /// recipient, channel); it must be JSON-serializable. Recipients who are not members of
    /// `channel` are moved to a channel they belong to (their room, else an aside); the
    /// few who belong to none get nothing.
    @discardableResult
    public func notice(
        _ template: String, kind: Post.Kind = .notice, context: [String: Any] = [:],
        to recipients: [Participant], in channel: Channel, parentID: Int64? = nil,
        session: StoreSession, at date: Date
    ) throws -> [CommittedPost] {
        guard !recipients.isEmpty else { return [] }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: context, options: [.sortedKeys]), as: UTF8.self)
        var byChannel: [Int64: (Channel, [Int64])] = [:]
        var order: [Int64] = []
        for recipient in recipients {
            guard let home = try home(of: recipient, preferring: channel, session: session) else { continue }
            if byChannel[home.id] == nil { order.append(home.id) }
            byChannel[home.id, default: (home, [])].1.append(recipient.id)
        }
        return try order.map { channelID in
            let (home, ids) = byChannel[channelID]!
            let post = Post(
                caseNumber: home.caseNumber, channelID: home.id, authorID: nil,
                parentID: home.id == channel.id ? parentID : nil, kind: kind, subject: template,
                replyText: "", fullText: "", createdAt: date, template: template, context: json)
            return try commit(post, recipients: ids, session: session, at: date)
        }
    }

    /// Files a note in the mediator's case file: a post with no copies, but an event in the
    /// case's record like every other post.
    @discardableResult
    func file(_ note: Post, attachments: [Attachment], session: StoreSession, at date: Date) throws -> CommittedPost {
        try commit(note, attachments: attachments, recipients: [], session: session, at: date)
    }

    /// Writes a post with its deliveries, and its event in the case's record.
    private func commit(
        _ post: Post, attachments: [Attachment] = [], recipients: [Int64], session: StoreSession, at date: Date
    ) throws -> CommittedPost {
        let random = String(UInt64.random(in: 0...0xFFFF_FFFF_FFFF), radix: 16)
        let committed = try session.commitPost(post, attachments: attachments, recipients: recipients, at: date) { id, _ in
            stamp(deliveryID: id, random: random)
        }
        try CaseAudit.recordPost(committed, session: session, at: date)
        return committed
    }

    /// The channel where `participant` can receive a notice: `preferred` if they are in it,
    /// else their room, else the first aside that lists them. Never the notes (which are
    /// never relayed).
    func home(of participant: Participant, preferring preferred: Channel, session: StoreSession) throws -> Channel? {
        if preferred.kind != .notes, preferred.caseNumber == participant.caseNumber, preferred.admits(participant) {
            return preferred
        }
        return try session.channels(caseNumber: participant.caseNumber)
            .first { $0.kind != .notes && $0.admits(participant) }
    }
}
