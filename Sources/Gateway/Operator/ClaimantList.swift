import Mediation

/// A CSV file of claimants, read leniently: `name,email,language`, with an optional header
/// row and an optional fourth column `claim_amount`, stored as the consumer's claim.
///
/// Fields may be quoted ("Dupont, Jean"), with "" for a quote inside. A row that cannot be
/// used is reported with its line number and skipped; the others are kept.
public struct ClaimantList: Sendable {
    public var newcomers: [Newcomer] = []
    public var rejected: [ImportReport.RejectedRow] = []

    public init(csv text: String) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let row = line.hasSuffix("\r") ? line.dropLast() : line
            guard !row.trimmingWhitespace().isEmpty else { continue }
            let fields: [String]
            switch Self.fields(of: row) {
            case let .success(found): fields = found
            case let .failure(problem):
                rejected.append(.init(line: number, reason: problem.message))
                continue
            }
            if newcomers.isEmpty, rejected.isEmpty, Self.isHeader(fields) { continue }
            switch Self.newcomer(from: fields, line: number) {
            case let .success(newcomer): newcomers.append(newcomer)
            case let .failure(problem): rejected.append(.init(line: number, reason: problem.message))
            }
        }
    }

    static func isHeader(_ fields: [String]) -> Bool {
        fields.count >= 2 && fields[0].lowercased() == "name" && ["email", "address", "e-mail"].contains(fields[1].lowercased())
    }

    static func newcomer(from fields: [String], line: Int) -> Result<Newcomer, OperatorError> {
        guard (2...4).contains(fields.count) else {
            return .failure(.invalid("expected name,email,language[,claim_amount] but found \(fields.count) column(s)"))
        }
        let name = fields[0]
        guard !name.isEmpty else { return .failure(.invalid("the name is empty")) }
        guard PartyAddress.isMailbox(fields[1]) else {
            return .failure(.invalid("'\(fields[1])' is not an email address like name@domain.org"))
        }
        var language: Language?
        if fields.count >= 3, !fields[2].isEmpty {
            guard let known = Language(rawValue: fields[2].lowercased()) else {
                return .failure(.invalid("unknown language '\(fields[2])': use fr or en"))
            }
            language = known
        }
        var claim: Money?
        if fields.count == 4, !fields[3].isEmpty {
            guard let amount = Money(parsing: fields[3]) else {
                return .failure(.invalid("'\(fields[3])' is not an amount like 120.50 or 1 500 €"))
            }
            claim = amount
        }
        return .success(Newcomer(role: .consumer, party: PartyAddress(name: name, address: fields[1]),
                                 language: language, line: line, claim: claim))
    }

    /// Splits one row on commas outside quotes; each field trimmed.
    static func fields(of row: Substring) -> Result<[String], OperatorError> {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var index = row.startIndex
        while index < row.endIndex {
            let character = row[index]
            if quoted {
                if character == "\"" {
                    let next = row.index(after: index)
                    if next < row.endIndex, row[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
            index = row.index(after: index)
        }
        guard !quoted else { return .failure(.invalid("a quoted field is not closed")) }
        fields.append(current.trimmingWhitespace())
        return .success(fields)
    }
}
