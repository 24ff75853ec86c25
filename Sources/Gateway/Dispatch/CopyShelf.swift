import Foundation
import MIME
import Mediation
import Store

/// The rows a run of the Dispatcher reads again and again — a post sent to 2,000 members
/// is one post, one channel, one case — kept for the run, with what copies of one post
/// share (`PostEdition`), so each copy costs only its own header fields and its share of
/// one threading lookup per chunk.
struct CopyShelf {
    private var posts: [Int64: Post] = [:]
    private var channels: [Int64: Channel] = [:]
    private var cases: [Int64: Case] = [:]
    private var participants: [Int64: [Int64: Participant]] = [:]
    private var attachments: [Int64: [OutgoingAttachment]] = [:]
    private var members: [Int64: [Participant]] = [:]
    private var typedAddresses: [Int64: [String]] = [:]
    private var mediatorNames: [Int64: String] = [:]
    private var editions: [Int64: PostEdition] = [:]
    /// The posts of the thread ending at a post, by that post: posts never change.
    private var threads: [Int64: [ThreadLink]] = [:]

    enum Missing: Error, CustomStringConvertible {
        case row(String)
        var description: String {
            switch self {
            case let .row(what): "\(what) no longer exists"
            }
        }
    }

    mutating func recipient(of delivery: Delivery, session: StoreSession) throws -> Participant {
        guard let recipient = try participantsOf(delivery.caseNumber, session)[delivery.recipientID] else {
            throw Missing.row("participant \(delivery.recipientID)")
        }
        return recipient
    }

    /// One copy, written alone (the export writes posts one at a time).
    mutating func compose(_ delivery: Delivery, context: GatewayContext, session: StoreSession, date: Date) throws -> Data {
        try compose([delivery], context: context, session: session, date: date)[0].get()
    }

    /// The copies of a chunk of deliveries, in order, each its message or why it cannot be
    /// written. Threading is read for the whole chunk at once, and copies of one post that
    /// read the same share one rendering (`PostEdition`): per copy, nothing grows with the
    /// size of the room.
    mutating func compose(
        _ deliveries: [Delivery], context: GatewayContext, session: StoreSession, date: Date
    ) -> [Result<Data, any Error>] {
        var chains: [Int64: [Int64: [String]]] = [:]
        return deliveries.map { delivery in
            Result {
                let post = try post(delivery.postID, session)
                if chains[post.id!] == nil {
                    let sameRun = deliveries.filter { $0.postID == post.id }
                    chains[post.id!] = try threadChains(of: post, for: sameRun.map(\.recipientID), session: session)
                }
                return try compose(delivery, post: post, chain: chains[post.id!]?[delivery.recipientID] ?? [],
                                   context: context, session: session, date: date)
            }
        }
    }

    private mutating func compose(
        _ delivery: Delivery, post: Post, chain known: [String], context: GatewayContext, session: StoreSession, date: Date
    ) throws -> Data {
        let channel = try channel(post.channelID, session)
        let caseRecord = try caseRecord(post.caseNumber, session)
        let people = try participantsOf(post.caseNumber, session)
        let recipient = try recipient(of: delivery, session: session)
        let content: PostContent
        var typed: [String] = []
        if let template = post.template {
            content = .notice(template: template, contextJSON: post.context ?? "{}")
        } else {
            content = .message(text: post.replyText, attachments: try attachmentsOf(post.id!, session))
            if let found = typedAddresses[post.id!] {
                typed = found
            } else {
                typed = AddressMask.present(in: post.replyText, among: Array(people.values))
                typedAddresses[post.id!] = typed
            }
        }
        var seen = Set<String>([delivery.messageID])
        let chain = known.filter { seen.insert($0).inserted }
        var request = CopyRequest(
            caseRecord: caseRecord, channel: channel, members: try membersOf(channel, people: people),
            author: post.authorID.flatMap { people[$0] }, recipient: recipient,
            mediatorName: mediatorName(of: post.caseNumber, people: people),
            content: content, messageID: delivery.messageID, threading: ThreadingPlan(parentChain: chain))
        request.typedAddresses = typed
        return try editions[post.id!, default: PostEdition()].compose(request, date: date, composer: context.composer)
    }

    /// What each recipient knows of the thread a post joins, root first: their first copy
    /// in the channel, then, for each post up to the one answered, their copy of it (or
    /// their own original, for posts they wrote). Three queries for all `recipients`.
    private mutating func threadChains(
        of post: Post, for recipients: [Int64], session: StoreSession
    ) throws -> [Int64: [String]] {
        let roots = try session.rootCopyMessageIDs(channelID: post.channelID, recipientIDs: recipients)
        var links: [ThreadLink] = []
        if let parent = post.parentID {
            if let found = threads[parent] {
                links = found
            } else {
                links = try session.threadLinks(endingAt: parent)
                threads[parent] = links
            }
        }
        let copies = try session.copyMessageIDs(postIDs: links.map(\.postID), recipientIDs: recipients)
        var chains: [Int64: [String]] = [:]
        for recipient in recipients {
            var chain = roots[recipient].map { [$0] } ?? []
            for link in links {
                if let copy = copies[link.postID]?[recipient] {
                    chain.append(copy)
                } else if link.authorID == recipient, let original = link.originalMessageID {
                    chain.append(original)
                }
            }
            chains[recipient] = chain
        }
        return chains
    }

    /// Looked up once per case: scanning thousands of participants for every copy would
    /// make a fan-out grow with the square of the room.
    private mutating func mediatorName(of caseNumber: Int64, people: [Int64: Participant]) -> String {
        if let name = mediatorNames[caseNumber] { return name }
        let name = people.values.first { $0.role == .mediator }?.displayName ?? ""
        mediatorNames[caseNumber] = name
        return name
    }

    private mutating func post(_ id: Int64, _ session: StoreSession) throws -> Post {
        if let post = posts[id] { return post }
        guard let post = try session.post(id: id) else { throw Missing.row("post \(id)") }
        posts[id] = post
        return post
    }

    private mutating func channel(_ id: Int64, _ session: StoreSession) throws -> Channel {
        if let channel = channels[id] { return channel }
        guard let channel = try session.channel(id: id) else { throw Missing.row("channel \(id)") }
        channels[id] = channel
        return channel
    }

    private mutating func caseRecord(_ number: Int64, _ session: StoreSession) throws -> Case {
        if let found = cases[number] { return found }
        guard let found = try session.case(number: number) else { throw Missing.row("case \(number)") }
        cases[number] = found
        return found
    }

    private mutating func participantsOf(_ caseNumber: Int64, _ session: StoreSession) throws -> [Int64: Participant] {
        if let found = participants[caseNumber] { return found }
        let found = Dictionary(uniqueKeysWithValues: try session.participants(caseNumber: caseNumber).map { ($0.id, $0) })
        participants[caseNumber] = found
        return found
    }

    private mutating func membersOf(_ channel: Channel, people: [Int64: Participant]) throws -> [Participant] {
        if let found = members[channel.id] { return found }
        let found = channel.members(among: people.values.sorted { $0.id < $1.id })
        members[channel.id] = found
        return found
    }

    private mutating func attachmentsOf(_ postID: Int64, _ session: StoreSession) throws -> [OutgoingAttachment] {
        if let found = attachments[postID] { return found }
        let found = try session.attachments(postID: postID).compactMap { attachment -> OutgoingAttachment? in
            guard !attachment.dropped, let bytes = attachment.bytes else { return nil }
            return OutgoingAttachment(filename: attachment.filename, contentType: attachment.contentType, data: bytes)
        }
        attachments[postID] = found
        return found
    }
}
