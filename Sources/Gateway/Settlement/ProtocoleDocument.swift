import Foundation
import Mediation
import Store

/// The settlement agreement (protocole d'accord) of a case closed as settled, rendered from
/// `Templates/<lang>/protocole.mustache` in the case's language.
///
/// Reads the case, its parties, the offer the settlement froze and the ledger; writes
/// nothing. The annex is the document's last section, from the line starting with
/// `annexMarker`: a consumer's copy keeps everything before it and only their own line
/// after it, so no consumer ever reads another consumer's name or amount (nor totals,
/// from which a neighbour's amount could be worked out).
struct ProtocoleDocument {
    /// Starts the annex line in both languages ("=== ANNEXE", "=== ANNEX").
    static let annexMarker = "=== ANNEX"

    let caseRecord: Case
    let participants: [Participant]
    let offer: Offer?
    let ledger: SettlementLedger
    let date: Date

    init(caseNumber: Int64, session: StoreSession, date: Date) throws {
        guard let caseRecord = try session.case(number: caseNumber) else { throw StoreError.noSuchCase(caseNumber) }
        self.caseRecord = caseRecord
        participants = try session.participants(caseNumber: caseNumber)
        let settlement = try session.settlement(caseNumber: caseNumber)
        offer = try settlement?.offerID.flatMap { try session.offer(id: $0) }
        ledger = try session.settlementLedger(caseNumber: caseNumber)
            ?? SettlementLedger(currency: .euro, outcomes: [])
        self.date = date
    }

    var language: Language { caseRecord.language }

    /// The consumers whose line is in the annex: those who accepted.
    var adheringConsumers: [Participant] {
        ledger.settled.compactMap { line in participants.first { $0.id == line.consumerID } }
    }

    /// The whole agreement, with every adhering consumer in the annex.
    func whole(templates: TemplateLibrary) throws -> String {
        try render(templates: templates, lines: ledger.settled, extract: false)
    }

    /// The agreement for one consumer: `text` (the approved one) up to its annex, then the
    /// annex with that consumer's line only. Nil when `text` has no annex line.
    func extract(of text: String, for consumer: Participant, templates: TemplateLibrary) throws -> String? {
        guard let body = Self.beforeAnnex(text) else { return nil }
        let own = try render(templates: templates, lines: ledger.settled.filter { $0.consumerID == consumer.id }, extract: true)
        guard let start = Self.annexStart(in: own) else { return nil }
        return body + own[start...]
    }

    /// Why a corrected text cannot replace the draft, or nil when it can: it must keep the
    /// annex line, and name no consumer before it (that part goes to every consumer).
    func problem(withCorrection text: String) -> String? {
        let french = language == .fr
        guard let body = Self.beforeAnnex(text) else {
            return french ? "la ligne « \(Self.annexMarker)… » qui ouvre l'annexe est introuvable"
                          : "the \"\(Self.annexMarker)…\" line that opens the annex is missing"
        }
        let lowered = body.lowercased()
        for consumer in participants where consumer.role == .consumer {
            let needles = [consumer.displayName, consumer.originalAddress].map { $0.lowercased() }.filter { $0.count >= 3 }
            if let found = needles.first(where: { lowered.contains($0) }) {
                return french ? "« \(found) » apparaît avant l'annexe : cette partie est envoyée à chaque consommateur"
                              : "\"\(found)\" appears before the annex: that part goes to every consumer"
            }
        }
        return nil
    }

    /// The agreement as the file attached to mail, from `Templates/<lang>/protocole_file`
    /// in the case's language: its Subject line is the file's name
    /// ("protocole-accord-12.txt", "settlement-agreement-12.txt"), kept to letters, digits,
    /// dots and dashes so every mail client shows it as written; its body is the file.
    func file(of text: String, templates: TemplateLibrary) throws -> (filename: String, text: String) {
        let rendered = try templates.render("protocole_file", language: language.rawValue,
                                            ["case_number": caseRecord.number, "document": text])
        let kept = String(rendered.subject.unicodeScalars.filter {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || ".-_".unicodeScalars.contains($0)
        }.map(Character.init))
        return (kept.count > 4 ? kept : "protocole-\(caseRecord.number).txt", rendered.body)
    }

    static func annexStart(in text: String) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            if text[index..<lineEnd].trimmingCharacters(in: .whitespaces).hasPrefix(annexMarker) { return index }
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return nil
    }

    static func beforeAnnex(_ text: String) -> String? {
        annexStart(in: text).map { String(text[..<$0]) }
    }

    private func render(templates: TemplateLibrary, lines: [LedgerLine], extract: Bool) throws -> String {
        let lang = language.rawValue
        let lawyer = participants.first { $0.role == .lawyer && $0.isActive }
        let mediator = participants.first { $0.role == .mediator }
        let percent = language == .fr ? ledger.feePercentText.replacingOccurrences(of: ".", with: ",") : ledger.feePercentText
        var values: [String: Any] = [
            "case_number": caseRecord.number,
            "case_title": caseRecord.title,
            "company_name": caseRecord.companyName,
            "mediator_name": mediator?.displayName ?? "",
            "date": Wording.date(date, language),
            "fee_percent": percent,
            "is_proposal": offer?.source == .mediator,
            "is_extract": extract,
            "accepted_count": ledger.settled.count,
            "total_gross": ledger.totalGross.formatted(language: lang),
            "total_fee": ledger.totalFee.formatted(language: lang),
            "total_net": ledger.totalNet.formatted(language: lang),
            "annex": lines.map { line -> [String: Any] in
                let consumer = participants.first { $0.id == line.consumerID }
                return [
                    "pseudonym": consumer?.publicName(in: language) ?? line.pseudonym,
                    "name": consumer?.displayName ?? "",
                    "gross": line.gross.formatted(language: lang),
                    "fee": line.fee.formatted(language: lang),
                    "net": line.net.formatted(language: lang),
                ]
            },
        ]
        if let lawyer { values["lawyer_name"] = lawyer.displayName }
        if let offer {
            values["offer_id"] = offer.id
            values["terms"] = offer.terms.summary(language: lang)
        }
        return try templates.render("protocole", language: lang, values).body
    }
}
