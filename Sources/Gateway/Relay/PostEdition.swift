import Foundation
import MIME
import Mediation

/// The copies of one post written in one run: what many of them share is rendered and
/// encoded once, so a room post to thousands costs one rendering plus, per copy, its own
/// header fields.
///
/// Two copies read the same when their readers share a language and a role, the channel
/// is not an aside (its description names the reader "you"), the template uses none of the
/// reader's own values (name, address), and neither reader owns an address typed into the
/// post (an owner sees their own address, every other reader the placeholder: each owner
/// gets a reading of their own). Every copy still gets its own To, From, Reply-To,
/// Message-ID and threading; only the words and their encoding are shared.
struct PostEdition {
    /// What decides a copy's words, when nothing else of its reader does.
    struct Reading: Hashable {
        var language: Language
        var role: Role
        /// The reader's own address when it was typed into the post.
        var ownTypedAddress: String?
    }

    private var sheets: [Reading: RelayComposer.Sheet] = [:]
    /// The encoded body (from the MIME-Version line on) of each reading's copies.
    private var bodies: [Reading: Data] = [:]
    /// What the builder writes after the header fields of a copy without words: found on
    /// the first copy, and checked on every other before its own fields are kept.
    private var emptyBody: Data?
    /// Off once the builder's output is not laid out as expected: whole copies are then
    /// written, still from the shared sheets.
    private var splicing = true
    private var personalTemplates: [Language: Bool] = [:]
    private var descriptions: [Language: String] = [:]

    init() {}

    /// `request`'s copy, byte for byte what `RelayComposer.compose` writes for it.
    mutating func compose(_ request: CopyRequest, date: Date, composer: RelayComposer) throws(RelayComposer.Failure) -> Data {
        guard let reading = reading(of: request, composer: composer) else {
            let sheet = try composer.write(request, description: description(for: request))
            return try Self.whole(request, sheet, date: date, composer: composer)
        }
        if let sheet = sheets[reading] {
            if splicing, let body = bodies[reading], let emptyBody {
                let bare = try composer.build(composer.headers(request, sheet, date: date), request)
                if let cut = Self.bodyStart(in: bare), bare[cut...] == emptyBody {
                    var copy = Data(bare[..<cut])
                    copy.append(body)
                    return copy
                }
                splicing = false
            }
            return try Self.whole(request, sheet, date: date, composer: composer)
        }
        let sheet = try composer.write(request, description: description(for: request))
        sheets[reading] = sheet
        let copy = try Self.whole(request, sheet, date: date, composer: composer)
        if splicing {
            // The shared body is cut from this first copy, where the fields of the same copy
            // written without words end: both must agree, or nothing is spliced.
            let bare = try composer.build(composer.headers(request, sheet, date: date), request)
            if let cut = Self.bodyStart(in: copy), let bareCut = Self.bodyStart(in: bare),
               copy[..<cut] == bare[..<bareCut], emptyBody == nil || emptyBody == bare[bareCut...] {
                emptyBody = Data(bare[bareCut...])
                bodies[reading] = Data(copy[cut...])
            } else {
                splicing = false
            }
        }
        return copy
    }

    /// The reading `request`'s copy shares with others, or nil when it is the reader's own.
    private mutating func reading(of request: CopyRequest, composer: RelayComposer) -> Reading? {
        guard request.channel.kind != .aside else { return nil }
        let recipient = request.recipient
        let template: String
        switch request.content {
        case .message: template = "post"
        case let .notice(name, _): template = name
        }
        let personal: Bool
        if let known = personalTemplates[recipient.language] {
            personal = known
        } else {
            personal = composer.templates.mayUse(RelayComposer.readersOwnValues, in: template, language: recipient.language.rawValue)
            personalTemplates[recipient.language] = personal
        }
        if personal { return nil }
        let owner = request.typedAddresses.contains(recipient.address) ? recipient.address : nil
        return Reading(language: recipient.language, role: recipient.role, ownTypedAddress: owner)
    }

    /// The channel's description for this reader: one per language in a room or the notes,
    /// where it counts the members (thousands); an aside's names the reader, so each writes
    /// their own.
    private mutating func description(for request: CopyRequest) -> String? {
        guard request.channel.kind != .aside else { return nil }
        let language = request.recipient.language
        if let known = descriptions[language] { return known }
        let description = Wording.channelDescription(
            caseRecord: request.caseRecord, channel: request.channel, members: request.members, reader: request.recipient)
        descriptions[language] = description
        return description
    }

    private static func whole(
        _ request: CopyRequest, _ sheet: RelayComposer.Sheet, date: Date, composer: RelayComposer
    ) throws(RelayComposer.Failure) -> Data {
        var builder = composer.headers(request, sheet, date: date)
        builder.text = sheet.text
        builder.attachments = sheet.attachments
        return try composer.build(builder, request)
    }

    /// The builder writes the message's own fields, then `MIME-Version`, then the body
    /// part's fields and content: everything after that line is the same for copies with
    /// the same words. A field value never holds a line break, so the first such line is it.
    private static let mimeVersion = Data("\r\nMIME-Version: 1.0\r\n".utf8)

    private static func bodyStart(in message: Data) -> Data.Index? {
        message.range(of: mimeVersion)?.upperBound
    }
}
