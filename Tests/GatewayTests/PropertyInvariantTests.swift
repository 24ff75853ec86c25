import Foundation
import GRDB
import MIME
import MailTransport
import Mediation
import Store
import Testing
@testable import Gateway

/// Invariants 3 and 4 under random traffic: random cases with every role, asides opened by
/// the mediator with random members, posts from members and non-members, through their
/// tags, the bare address with References, and forged senders — through the real Fetcher,
/// Intake and Dispatcher into a recording server.
///
/// Each seed sends 1,000 mails (10,000 with `TRUCE_PROPERTY=full`); `TRUCE_PROPERTY_SEED=n` replays one run.
@Suite("Property: confidentiality under random traffic")
struct PropertyInvariantTests {
    static let full = ProcessInfo.processInfo.environment["TRUCE_PROPERTY"] == "full"
    static let seeds: [UInt64] = ProcessInfo.processInfo.environment["TRUCE_PROPERTY_SEED"].flatMap(UInt64.init).map { [$0] }
        ?? [0x7275_6365_0001, 0x7275_6365_0002]

    @Test(arguments: seeds)
    func asidesAndNotesStayPrivateAndNoAddressLeaks(seed: UInt64) async throws {
        let gateway = try await GatewayFixture()
        var world = World(gateway: gateway, random: SeededGenerator(seed: seed))
        try world.openCases(Self.full ? 12 : 5)
        let mails = Self.full ? 10_000 : 1_000
        let batch = 100
        var checked = 0
        for start in stride(from: 0, to: mails, by: batch) {
            for _ in start..<min(start + batch, mails) {
                try world.randomStep()
            }
            checked = try world.check(from: checked, seed: seed)
        }
        // The run did what it claims: posts in asides and notes, refusals, and many copies.
        let kinds = try world.postedChannelKinds()
        #expect(kinds[.aside, default: 0] > 20, "seed \(seed)")
        #expect(kinds[.notes, default: 0] > 5, "seed \(seed)")
        #expect(kinds[.room, default: 0] > 50, "seed \(seed)")
        #expect(try gateway.store.heldMessages(limit: 10_000).count > 50, "seed \(seed)")
        #expect(gateway.sender.accepted.count > mails, "seed \(seed)")
    }
}

/// The random world: cases, what each participant received, and the marks put in texts.
struct World {
    let gateway: GatewayFixture
    var random: SeededGenerator
    var cases: [Case] = []
    /// Every participant's real address, lowercased, with the participant id.
    var addresses: [String: Int64] = [:]
    /// Message-IDs of the copies each participant received, for replies by References.
    var received: [Int64: [String]] = [:]
    /// The text mark of each inbound mail, and its Message-ID.
    var marks: [String: String] = [:]
    var nextMark = 0
    var nextAddress = 0
    /// The last delivery row already checked.
    var checkedDeliveryID: Int64 = 0
    var cycle: GatewayCycle { GatewayCycle(context: gateway.context, mailbox: gateway.mailbox, sender: gateway.sender) }

    init(gateway: GatewayFixture, random: SeededGenerator) {
        self.gateway = gateway
        self.random = random
    }

    mutating func freshAddress(_ kind: String) -> String {
        nextAddress += 1
        return "\(kind)\(nextAddress)@\(["consumer.test", "acme.test", "lab.test", "law.test"].randomElement(using: &random)!)"
    }

    mutating func openCases(_ count: Int) throws {
        for number in 0..<count {
            let language: Language = Bool.random(using: &random) ? .fr : .en
            let now = gateway.now
            var plan: [(Role, String, String, Language)] = [(.mediator, "Médiatrice \(number)", freshAddress("mediator"), language)]
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                plan.append((.company, "Acme (service juridique)", freshAddress("legal"), language))
            }
            for index in 0..<Int.random(in: 2...6, using: &random) {
                plan.append((.consumer, "Client \(number)-\(index)", freshAddress("client"), Bool.random(using: &random) ? .fr : .en))
            }
            if Bool.random(using: &random) { plan.append((.lawyer, "Maître Avocat \(number)", freshAddress("lawyer"), language)) }
            for index in 0..<Int.random(in: 0...2, using: &random) {
                plan.append((.expert, "Expert \(number)-\(index)", freshAddress("expert"), .en))
            }
            let (record, people) = try gateway.store.write { session in
                let record = try session.createCase(
                    title: "Litige \(number)", companyName: "Acme", language: language, openedAt: now, roomDays: 30)
                let people = try plan.map { role, name, address, language in
                    try session.addParticipant(caseNumber: record.number, role: role, address: address,
                                               displayName: name, language: language, at: now)
                }
                let room = try session.room(caseNumber: record.number)
                for person in people where person.role != .expert {
                    try gateway.context.postOffice.notice("welcome", kind: .welcome, to: [person], in: room,
                                                          session: session, at: now)
                }
                return (record, people)
            }
            cases.append(record)
            for person in people { addresses[person.address] = person.id }
            // A few recipients whose servers refuse for now, or for good.
            for person in people where Int.random(in: 0..<12, using: &random) == 0 {
                gateway.sender.answer(person.address, with: Bool.random(using: &random) ? .transient : .permanent)
            }
        }
        _ = cycle.run()
    }

    // MARK: Steps

    mutating func randomStep() throws {
        let caseRecord = cases.randomElement(using: &random)!
        let (people, channels) = try gateway.store.read { session in
            (try session.participants(caseNumber: caseRecord.number), try session.channels(caseNumber: caseRecord.number))
        }
        let mediator = people.first { $0.role == .mediator }!
        let author = people.randomElement(using: &random)!
        let channel = channels.randomElement(using: &random)!
        let mark = nextMarkText()
        var mail: InboundMail
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<8:
            // The mediator opens an aside with a random subset, by command or from the CLI.
            let others = people.filter { $0.role != .mediator && $0.isActive }
            let members = others.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
            guard !members.isEmpty else { return }
            if Bool.random(using: &random) {
                let now = gateway.now
                try gateway.store.write { session in
                    _ = try AsideOpening(context: gateway.context, session: session, now: now).open(
                        caseRecord: caseRecord, subject: nil, openedBy: mediator.id, members: members)
                }
                try runCycle()
                return
            }
            let names = members.map { $0.publicName(in: .en) }.joined(separator: ", ")
            mail = .to(gateway.replyAddress(mediator, in: channels[0]), from: mediator.address,
                       text: "/aside \(names)\n\(mark) ouvrons un aparté")
        case 8..<10:
            // The mediator adds someone to an aside, writing from it.
            guard let aside = channels.filter({ $0.kind == .aside }).randomElement(using: &random),
                  let newcomer = people.filter({ $0.role != .mediator }).randomElement(using: &random)
            else { return }
            mail = .to(gateway.replyAddress(mediator, in: aside), from: mediator.address,
                       text: "/aside add \(newcomer.publicName(in: .fr))\n\(mark) bienvenue")
        case 10..<11:
            // Someone leaves: a consumer withdraws, or the mediator removes a participant.
            if author.role == .consumer {
                mail = .to(gateway.replyAddress(author, in: channels[0]), from: author.address, text: "/withdraw")
            } else {
                let target = people.filter { $0.role == .consumer }.randomElement(using: &random)!
                mail = .to(gateway.replyAddress(mediator, in: channels[0]), from: mediator.address,
                           text: "/remove \(target.publicName(in: .fr))")
            }
        case 11..<55:
            // A participant writes through their own address for a random channel (members
            // and non-members alike).
            mail = .to(gateway.replyAddress(author, in: channel), from: author.address, text: "\(mark) \(words())")
        case 55..<72:
            // A reply to the bare address, answering one of the copies they received.
            guard let answered = received[author.id]?.randomElement(using: &random) else { return }
            mail = InboundMail(from: author.address, to: [GatewayFixture.gatewayAddress], text: "\(mark) \(words())")
            mail.deliveredTo = [GatewayFixture.gatewayAddress]
            mail.inReplyTo = [answered]
            mail.references = [answered]
        case 72..<82:
            // Forged: someone else's address for the channel, from another participant (of
            // any case) or a stranger.
            let forger = Bool.random(using: &random)
                ? addresses.keys.sorted().randomElement(using: &random)!
                : "stranger\(Int.random(in: 0..<5, using: &random))@elsewhere.test"
            mail = .to(gateway.replyAddress(author, in: channel), from: forger, text: "\(mark) \(words())")
        case 82..<88:
            // A copy someone else received, answered from the wrong mailbox.
            let other = people.randomElement(using: &random)!
            guard let answered = received[other.id]?.randomElement(using: &random) else { return }
            mail = InboundMail(from: author.address, to: [GatewayFixture.gatewayAddress], text: "\(mark) \(words())")
            mail.references = [answered]
        case 88..<94:
            // Automatic mail and bounces through a valid address.
            mail = .to(gateway.replyAddress(author, in: channel), from: author.address, text: "\(mark) absent")
            if Bool.random(using: &random) { mail.headers = [("Auto-Submitted", "auto-replied")] } else { mail.returnPath = "<>" }
        case 94..<97:
            // A mediator forwards something to the notes.
            let notes = channels.first { $0.kind == .notes }!
            mail = .to(gateway.replyAddress(mediator, in: notes), from: mediator.address, text: "\(mark) pièce au dossier")
        default:
            // A tampered token.
            let good = gateway.replyAddress(author, in: channel)
            mail = .to(good.replacingOccurrences(of: "+", with: "+a"), from: author.address, text: "\(mark) \(words())")
        }
        if Int.random(in: 0..<8, using: &random) == 0 {
            mail.attachments = [OutgoingAttachment(filename: "piece-\(nextMark).pdf", contentType: "application/pdf",
                                                   data: Data("\(mark) pdf".utf8))]
        }
        marks[mark] = mail.messageID
        gateway.mailbox.deliver(try mail.raw())
        try runCycle()
    }

    mutating func runCycle() throws {
        gateway.clock.advance(seconds: 7)
        let report = cycle.run()
        if !report.failures.isEmpty || report.fetchError != nil || report.intake.failed > 0 {
            throw FixtureError("cycle: \(report.line)")
        }
    }

    mutating func nextMarkText() -> String {
        nextMark += 1
        return "MARK\(nextMark)X"
    }

    mutating func words() -> String {
        let vocabulary = ["remboursement", "facture", "contrat", "accord", "refus", "délai", "offer", "refund", "merci", "€"]
        return (0..<Int.random(in: 3...12, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }
            .joined(separator: " ")
    }

    // MARK: Checks

    /// Checks every envelope sent since `start` and every delivery row; returns the new start.
    mutating func check(from start: Int, seed: UInt64) throws -> Int {
        let envelopes = gateway.sender.envelopes
        let snapshot = try Snapshot(gateway)
        let participants = try gateway.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, address, original_address FROM participants")
        }
        let allAddresses: [(id: Int64, address: String)] = participants.flatMap { row -> [(Int64, String)] in
            let id: Int64 = row["id"]
            return [(id, (row["address"] as String).lowercased()), (id, (row["original_address"] as String).lowercased())]
        }
        let markOwners = try markChannels()
        for envelope in envelopes[start...] {
            let message = MailMessage(parsing: envelope.message)
            let messageID = try #require(message.messageID)
            let delivery = try #require(try gateway.store.writer.read { db in
                try Delivery.filter(Delivery.Columns.messageID == messageID).fetchOne(db)
            }, "seed \(seed): a copy without its delivery row")
            let recipient = try require_(snapshot.participants[delivery.recipientID], "recipient")
            #expect(envelope.recipient == recipient.originalAddress, "seed \(seed)")
            #expect(envelope.sender == gateway.context.addresses.bounceAddress(delivery: delivery.id!), "seed \(seed)")

            // Invariant 4: no other participant's address anywhere, raw or decoded.
            let haystack = Self.everything(in: message, raw: envelope.message)
            for (id, address) in allAddresses where id != recipient.id && address != recipient.address {
                let leaked = haystack.contains(address)
                #expect(!leaked, "seed \(seed): \(address) in a copy to participant \(recipient.id)")
            }
            // Invariant 3 by content: every mark in the copy comes from a channel the
            // recipient belonged to when it was posted.
            for mark in Self.marks(in: haystack) {
                guard let (channelID, postedAt) = markOwners[mark] else {
                    Issue.record("seed \(seed): \(mark), from a held message, reached participant \(recipient.id)")
                    continue
                }
                #expect(snapshot.isMember(recipient.id, of: channelID, at: postedAt),
                        "seed \(seed): \(mark) of channel \(channelID) reached participant \(recipient.id)")
            }
            received[recipient.id, default: []].append(messageID)
        }
        // Invariant 3 by rows: every delivery of every post, sent or not.
        let rows = try gateway.store.writer.read { [checkedDeliveryID] db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.recipient_id, p.channel_id, p.created_at, c.kind
                FROM deliveries d JOIN posts p ON p.id = d.post_id JOIN channels c ON c.id = p.channel_id
                WHERE d.id > ? ORDER BY d.id
                """, arguments: [checkedDeliveryID])
        }
        checkedDeliveryID = rows.last?["id"] ?? checkedDeliveryID
        for row in rows {
            let kind: String = row["kind"]
            let recipientID: Int64 = row["recipient_id"]
            #expect(kind != "notes", "seed \(seed): a notes post was delivered")
            if kind == "aside" {
                #expect(snapshot.isMember(recipientID, of: row["channel_id"], at: row["created_at"]),
                        "seed \(seed): an aside post reached participant \(recipientID), not a member")
            }
            if kind == "room" {
                #expect(snapshot.participants[recipientID]?.role != .expert, "seed \(seed): an expert got a room post")
            }
        }
        return envelopes.count
    }

    /// The channel and time of the post each mark's mail became.
    func markChannels() throws -> [String: (Int64, Date)] {
        let byMessageID = Dictionary(uniqueKeysWithValues: marks.map { ($1, $0) })
        let rows = try gateway.store.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.message_id, p.channel_id, p.created_at FROM posts p JOIN inbound i ON i.id = p.inbound_id
                """)
        }
        var owners: [String: (Int64, Date)] = [:]
        for row in rows {
            guard let id: String = row["message_id"], let mark = byMessageID[id] else { continue }
            owners[mark] = (row["channel_id"], row["created_at"])
        }
        return owners
    }

    func postedChannelKinds() throws -> [Channel.Kind: Int] {
        let rows = try gateway.store.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.kind, COUNT(*) AS n FROM posts p JOIN channels c ON c.id = p.channel_id
                WHERE p.inbound_id IS NOT NULL GROUP BY c.kind
                """)
        }
        var counts: [Channel.Kind: Int] = [:]
        for row in rows { counts[Channel.Kind(rawValue: row["kind"])!] = row["n"] }
        return counts
    }

    /// The raw message, its decoded headers and every decoded part, lowercased.
    static func everything(in message: MailMessage, raw: Data) -> String {
        var text = String(decoding: raw, as: UTF8.self)
        for header in message.headers { text += "\n" + header.value }
        func walk(_ part: MIMEPart) {
            for header in part.headers { text += "\n" + header.value }
            if part.children.isEmpty {
                text += "\n" + String(decoding: part.decodedBody, as: UTF8.self)
            }
            for child in part.children { walk(child) }
        }
        walk(message.root)
        return text.lowercased()
    }

    static func marks(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "mark") {
            let digits = rest[range.upperBound...].prefix { $0.isNumber }
            let after = rest[range.upperBound...].dropFirst(digits.count)
            if !digits.isEmpty, after.first == "x" { found.append("MARK\(digits)X") }
            rest = rest[range.upperBound...]
        }
        return found
    }
}

/// Participants, channels and aside memberships as they are at one check.
struct Snapshot {
    var participants: [Int64: Participant] = [:]
    var channels: [Int64: Channel] = [:]
    /// When each participant was added to each aside.
    var added: [Int64: [Int64: Date]] = [:]

    init(_ gateway: GatewayFixture) throws {
        for caseNumber in try gateway.store.read({ try $0.cases() }).map(\.number) {
            for participant in try gateway.store.read({ try $0.participants(caseNumber: caseNumber) }) {
                participants[participant.id] = participant
            }
            for channel in try gateway.store.channels(caseNumber: caseNumber) { channels[channel.id] = channel }
        }
        let rows = try gateway.store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT channel_id, participant_id, added_at FROM channel_members")
        }
        for row in rows { added[row["channel_id"], default: [:]][row["participant_id"]] = row["added_at"] }
    }

    /// Whether the participant could read the channel at `date`: the room (not an expert),
    /// an aside they had been added to by then; never the notes.
    func isMember(_ participantID: Int64, of channelID: Int64, at date: Date) -> Bool {
        guard let channel = channels[channelID], let participant = participants[participantID],
              participant.caseNumber == channel.caseNumber
        else { return false }
        switch channel.kind {
        case .room: return participant.role != .expert
        case .notes: return false
        case .aside: return added[channelID]?[participantID].map { $0 <= date } ?? false
        }
    }
}
