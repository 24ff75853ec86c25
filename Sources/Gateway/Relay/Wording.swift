import Foundation
import Mediation

/// Words the gateway puts around what parties write: role names, channel names, dates.
///
/// Kept in code rather than templates because they are shared by every template and vary
/// only by language.
enum Wording {
    static func role(_ role: Role, _ language: Language) -> String {
        switch (role, language) {
        case (.consumer, .fr): "consommateur"
        case (.consumer, .en): "consumer"
        case (.company, .fr): "entreprise"
        case (.company, .en): "company"
        case (.mediator, .fr): "médiateur"
        case (.mediator, .en): "mediator"
        case (.lawyer, .fr): "avocat"
        case (.lawyer, .en): "lawyer"
        case (.expert, .fr): "expert"
        case (.expert, .en): "expert"
        }
    }

    /// The subject tag that opens every subject of a case: `[Truce #12]`, `[Truce #12 · aparté]`.
    static func subjectTag(gatewayName: String, caseNumber: Int64, kind: Channel.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.room, _): "[\(gatewayName) #\(caseNumber)]"
        case (.aside, .fr): "[\(gatewayName) #\(caseNumber) · aparté]"
        case (.aside, .en): "[\(gatewayName) #\(caseNumber) · aside]"
        case (.notes, _): "[\(gatewayName) #\(caseNumber) · notes]"
        }
    }

    /// The one subject every post of a channel carries, so that every client threads it.
    static func channelSubject(gatewayName: String, caseRecord: Case, channel: Channel, _ language: Language) -> String {
        let tag = subjectTag(gatewayName: gatewayName, caseNumber: caseRecord.number, kind: channel.kind, language)
        switch channel.kind {
        case .room, .notes: return "\(tag) \(caseRecord.title)"
        case .aside: return "\(tag) \(channel.subject ?? caseRecord.title)"
        }
    }

    /// `30 décembre 2026` / `December 30, 2026`, in the platform's time zone.
    static func date(_ date: Date, _ language: Language) -> String {
        (language == .fr ? frenchDates : englishDates).string(from: date)
    }

    /// Made once: a formatter costs more to make than thousands of dates cost to format, and
    /// a fan-out formats one per copy. Formatting with a shared DateFormatter is thread-safe.
    private static let frenchDates = dateFormatter("fr_FR", "d MMMM yyyy")
    private static let englishDates = dateFormatter("en_US", "MMMM d, yyyy")

    private static func dateFormatter(_ locale: String, _ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = format
        return formatter
    }

    /// Who a channel's posts reach, as a reader sees it; never an address.
    static func channelDescription(
        caseRecord: Case, channel: Channel, members: [Participant], reader: Participant
    ) -> String {
        let language = reader.language
        switch channel.kind {
        case .room:
            let consumers = members.filter { $0.role == .consumer }.count
            let named = members.filter { $0.role != .consumer }.map { $0.publicName(in: language) }
            let others = Array(Set(named)).sorted()
            let count = language == .fr
                ? "\(consumers) consommateur\(consumers > 1 ? "s" : "")"
                : "\(consumers) consumer\(consumers == 1 ? "" : "s")"
            let list = (others + [count]).joined(separator: ", ")
            return language == .fr
                ? "Salle de la médiation n° \(caseRecord.number) : \(list)."
                : "Room of mediation #\(caseRecord.number): \(list)."
        case .aside:
            let names = members.map { $0.id == reader.id ? (language == .fr ? "vous" : "you") : $0.publicName(in: language) }
            return language == .fr
                ? "Aparté privé de la médiation n° \(caseRecord.number), entre : \(names.joined(separator: ", "))."
                : "Private aside of mediation #\(caseRecord.number), between: \(names.joined(separator: ", "))."
        case .notes:
            return language == .fr
                ? "Notes de la médiation n° \(caseRecord.number) (vous seul)."
                : "Notes of mediation #\(caseRecord.number) (you alone)."
        }
    }

    /// How the footer says where a reply goes.
    static func channelTarget(_ kind: Channel.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.room, .fr): "à toute la salle"
        case (.room, .en): "the whole room"
        case (.aside, .fr): "aux seuls membres de cet aparté"
        case (.aside, .en): "only the members of this aside"
        case (.notes, .fr): "dans vos notes"
        case (.notes, .en): "in your notes"
        }
    }
}
