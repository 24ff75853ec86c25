import Foundation

extension SettlementLedger {
    /// `consumer,pseudonym,gross,fee,net,currency`, one row per consumer: those who accepted
    /// first, then those with zero. Amounts are decimals with a dot ("150.00"); no totals
    /// row, so that every row is a consumer for whoever sums the file.
    public func csv() -> String {
        var rows = ["consumer,pseudonym,gross,fee,net,currency"]
        for line in settled + unsettled {
            rows.append([String(line.consumerID), Self.csvField(line.pseudonym), line.gross.plainDecimal,
                         line.fee.plainDecimal, line.net.plainDecimal, currency.code].joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when needed (RFC 4180), and defuses a leading `= + - @` so that a
    /// pseudonym cannot run as a formula when the file is opened in a spreadsheet.
    static func csvField(_ text: String) -> String {
        var field = text
        if let first = field.first, "=+-@\t\r".contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The ledger as JSON: amounts in integer minor units, the rounding rule stated.
    public func json() throws -> String {
        struct Line: Encodable {
            let consumer: Int64, pseudonym: String, outcome: String, gross: Int64, fee: Int64, net: Int64
        }
        struct Totals: Encodable { let gross: Int64, fee: Int64, net: Int64 }
        struct Document: Encodable {
            let currency: String, feeBasisPoints: Int, minorUnitDigits: Int, rounding: String
            let settled: [Line], unsettled: [Line], totals: Totals
        }
        func line(_ line: LedgerLine) -> Line {
            Line(consumer: line.consumerID, pseudonym: line.pseudonym, outcome: line.outcome.rawValue,
                 gross: line.gross.minorUnits, fee: line.fee.minorUnits, net: line.net.minorUnits)
        }
        let document = Document(currency: currency.code, feeBasisPoints: feeBasisPoints,
                                minorUnitDigits: currency.minorUnitDigits, rounding: roundingRule,
                                settled: settled.map(line), unsettled: unsettled.map(line),
                                totals: Totals(gross: totalGross.minorUnits, fee: totalFee.minorUnits, net: totalNet.minorUnits))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// A plain-text table for the operator's terminal and the mediator's mail, headed by the
    /// fee and rounding rule, in `language` (the case's). Amounts keep the plain decimal form
    /// in both languages so that columns line up and can be copied; the CSV and JSON keep
    /// their English field names whatever the language.
    public func table(language: Language = .en) -> String {
        let words = LedgerWords(language)
        let headers = words.headers
        func cells(_ line: LedgerLine) -> [String] {
            [String(line.consumerID), line.pseudonym, line.gross.plainDecimal, line.fee.plainDecimal, line.net.plainDecimal]
        }
        let totals = [words.total, words.accepted(settled.count), totalGross.plainDecimal, totalFee.plainDecimal, totalNet.plainDecimal]
        let rows = [headers] + settled.map(cells) + [totals] + unsettled.map(cells)
        let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                // Text left, numbers right, so columns of amounts line up on the decimal point.
                return column == 1 ? text + padding : padding + text
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = [
            words.title(currency.code, language == .fr ? feePercentText.replacingOccurrences(of: ".", with: ",") : feePercentText),
            words.rounding(self),
            "",
            render(headers), rule,
        ]
        out += settled.map { render(cells($0)) }
        out += [rule, render(totals)]
        if !unsettled.isEmpty {
            out += ["", words.nothing]
            out += unsettled.map { render(cells($0)) + "  " + words.outcome($0.outcome) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// The ledger table's words in one language.
struct LedgerWords {
    let language: Language
    init(_ language: Language) { self.language = language }
    var french: Bool { language == .fr }

    var headers: [String] {
        french ? ["consommateur", "pseudonyme", "brut", "frais", "net"] : ["consumer", "pseudonym", "gross", "fee", "net"]
    }
    var total: String { french ? "total" : "total" }
    func accepted(_ count: Int) -> String { french ? "\(count) acceptation(s)" : "\(count) accepted" }
    func title(_ currency: String, _ percent: String) -> String {
        french ? "Registre du règlement (\(currency)), frais de la plateforme \(percent) %"
               : "Settlement ledger (\(currency)), platform fee \(percent) %"
    }
    func rounding(_ ledger: SettlementLedger) -> String {
        french
            ? "Arrondi : frais = brut × \(ledger.feePercentText.replacingOccurrences(of: ".", with: ",")) %, arrondis au centime "
                + "le plus proche (demi vers le haut) ; net = brut − frais, donc frais + net = brut sur chaque ligne ; "
                + "les totaux sont les sommes des lignes."
            : "Rounding: \(ledger.roundingRule)."
    }
    var nothing: String {
        french ? "N'ont rien obtenu, rien n'est prélevé (refus, sans réponse, retrait) :"
               : "Obtained nothing, charged nothing (declined, no answer, withdrawn):"
    }
    func outcome(_ outcome: LedgerLine.Outcome) -> String {
        guard french else { return outcome == .noAnswer ? "no answer" : outcome.rawValue }
        switch outcome {
        case .accepted: return "accepté"
        case .declined: return "refusé"
        case .noAnswer: return "sans réponse"
        case .withdrawn: return "retiré"
        }
    }
}
