import Foundation
import MIME
import Mediation

/// Writes one recipient's copy of a post: the relayed message every party sees.
///
/// What a copy carries, and why:
/// - `To:` the recipient's real address only. No other participant's address appears in
///   any header or body part (invariant 4): authors are named by their public name.
/// - `From:` and `Reply-To:` the recipient's own personal address for the channel, with a
///   display name like "Consommateur 12 via Truce": always the gateway's domain, so DMARC
///   holds, and a plain Reply writes back into the same channel as the same participant.
/// - Its own Message-ID, and `In-Reply-To`/`References` naming this recipient's own copies,
///   so each channel is one thread in every client.
/// - A loop header (`X-Truce-Loop`) checked on the way in; notices also carry
///   `Auto-Submitted: auto-generated` so that well-behaved auto-responders stay quiet.
/// - Nothing of the original's headers: no DKIM-Signature, no Received.
public struct RelayComposer: Sendable {
    /// The header that marks every message the gateway sends; its value is the gateway address.
    public static let loopHeader = "X-Truce-Loop"

    public let templates: TemplateLibrary
    public let gatewayName: String
    public let addresses: ReplyAddressCodec

    public init(templates: TemplateLibrary, gatewayName: String, addresses: ReplyAddressCodec) {
        self.templates = templates
        self.gatewayName = gatewayName
        self.addresses = addresses
    }

    /// Why a copy could not be written: the operator must fix a template or a bad value.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The complete message for `request`, ready for SMTP.
    public func compose(_ request: CopyRequest, date: Date) throws(Failure) -> Data {
        let sheet = try write(request, description: nil)
        var builder = headers(request, sheet, date: date)
        builder.text = sheet.text
        builder.attachments = sheet.attachments
        return try build(builder, request)
    }

    /// The words of a copy: everything in it but its own header fields. Copies that would
    /// get the same words share one sheet (see `PostEdition`).
    struct Sheet {
        var fromName: String
        var subject: String?
        var text: String
        var attachments: [OutgoingAttachment]
        var isNotice: Bool
    }

    /// Renders the words of `request`'s copy; `description` is the channel's description
    /// for this reader when the caller has it already.
    func write(_ request: CopyRequest, description: String?) throws(Failure) -> Sheet {
        let recipient = request.recipient
        let language = recipient.language
        var context = baseContext(request, description: description)
        switch request.content {
        case let .message(text, attachments):
            let author = request.author
            context["author"] = author?.publicName(in: language) ?? gatewayName
            context["author_role"] = author.map { Wording.role($0.role, language) } ?? ""
            context["text"] = AddressMask.hide(
                request.typedAddresses, in: text.trimmingCharacters(in: .whitespacesAndNewlines),
                reader: recipient, placeholder: AddressMask.placeholder(language))
            context["has_attachments"] = !attachments.isEmpty
            context["attachments"] = Self.list(attachments.map(\.filename))
            let rendered = try render("post", language, context)
            return Sheet(
                fromName: Self.oneLine(author?.relayDisplayName(gatewayName: gatewayName, in: language) ?? gatewayName),
                subject: (context["subject"] as? String).map(Self.oneLine), text: rendered.body,
                attachments: attachments, isNotice: false)
        case let .notice(template, contextJSON):
            for (key, value) in Self.decode(contextJSON) { context[key] = value }
            let rendered = try render(template, language, context)
            return Sheet(
                fromName: Self.oneLine(gatewayName), subject: Self.oneLine(rendered.subject), text: rendered.body,
                attachments: Self.noticeFile(context), isNotice: true)
        }
    }

    /// The copy's own header fields, around `sheet`'s words (which the caller adds).
    func headers(_ request: CopyRequest, _ sheet: Sheet, date: Date) -> MessageBuilder {
        let recipient = request.recipient
        let personal = addresses.replyAddress(
            caseNumber: request.caseRecord.number, channel: request.channel.id, participant: recipient.id)
        var builder = MessageBuilder()
        builder.to = [MailAddress(name: Self.oneLine(recipient.displayName), address: recipient.originalAddress)]
        builder.replyTo = [MailAddress(name: nil, address: personal)]
        builder.from = MailAddress(name: sheet.fromName, address: personal)
        builder.subject = sheet.subject
        builder.date = date
        builder.messageID = request.messageID
        builder.inReplyTo = request.threading.inReplyTo.map { [$0] } ?? []
        builder.references = request.threading.references
        builder.addHeader(Self.loopHeader, addresses.gateway.address)
        if sheet.isNotice { builder.addHeader("Auto-Submitted", "auto-generated") }
        return builder
    }

    func build(_ builder: MessageBuilder, _ request: CopyRequest) throws(Failure) -> Data {
        do {
            return try builder.build()
        } catch {
            throw Failure(message: "cannot write the copy \(request.messageID) for participant \(request.recipient.id): \(error)")
        }
    }

    private func render(_ name: String, _ language: Language, _ context: [String: Any]) throws(Failure) -> TemplateLibrary.Rendered {
        do {
            return try templates.render(name, language: language.rawValue, context)
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// The values of `baseContext` that differ between two readers of the same language and
    /// role (the others depend on the language, the role, or nothing of the reader).
    static let readersOwnValues = ["recipient_name", "recipient_public_name", "recipient_address"]

    /// Values every template may use. Only the recipient's own address is among them.
    private func baseContext(_ request: CopyRequest, description: String?) -> [String: Any] {
        let recipient = request.recipient
        let language = recipient.language
        let caseRecord = request.caseRecord
        var context: [String: Any] = [
            "gateway_name": gatewayName,
            "case_number": caseRecord.number,
            "case_title": caseRecord.title,
            "company_name": caseRecord.companyName,
            "mediator_name": request.mediatorName,
            "deadline": Wording.date(caseRecord.deadline, language),
            "recipient_name": recipient.displayName,
            "recipient_public_name": recipient.publicName(in: language),
            "recipient_role": Wording.role(recipient.role, language),
            "recipient_address": recipient.originalAddress,
            "is_consumer": recipient.role == .consumer,
            "subject": Wording.channelSubject(
                gatewayName: gatewayName, caseRecord: caseRecord, channel: request.channel, language),
            "channel_description": description ?? Wording.channelDescription(
                caseRecord: caseRecord, channel: request.channel, members: request.members, reader: recipient),
            "channel_target": Wording.channelTarget(request.channel.kind, language),
            "aside_subject": request.channel.subject ?? caseRecord.title,
        ]
        // Asides name their members (a handful); a room may have thousands, whom
        // `channel_description` counts instead. Listing them for each of a room's copies
        // made a fan-out quadratic in the room's size.
        if request.channel.kind != .room {
            context["members"] = Self.list(request.members.map { $0.publicName(in: language) })
        }
        if recipient.role == .mediator {
            context["is_mediator"] = true
        }
        return context
    }

    /// A value for a header on one line. Titles and names come from the operator and from
    /// imported lists; a line break in one would make the builder refuse every copy of the
    /// case, so breaks and NULs become spaces (the builder still refuses anything else unsafe).
    static func oneLine(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { return value }
        let words = value.components(separatedBy: CharacterSet(charactersIn: "\r\n\0")).filter { !$0.isEmpty }
        return words.joined(separator: " ")
    }

    /// A Mustache list whose items know whether they are last (for separators).
    static func list(_ names: [String]) -> [[String: Any]] {
        names.enumerated().map { ["name": $0.element, "last": $0.offset == names.count - 1] }
    }

    /// A notice's document as a UTF-8 text file (the settlement agreement): the values'
    /// `attachment` object, with its `filename` and `text`. The text is the post's own, the
    /// same in every recipient's copy of that post.
    static func noticeFile(_ context: [String: Any]) -> [OutgoingAttachment] {
        guard let file = context["attachment"] as? [String: Any], let name = file["filename"] as? String,
              let text = file["text"] as? String
        else { return [] }
        return [OutgoingAttachment(filename: name, contentType: "text/plain", data: Data(text.utf8), charset: "utf-8")]
    }

    static func decode(_ json: String) -> [String: Any] {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }
}
