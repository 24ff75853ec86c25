import Mediation

/// The claim a would-be consumer may write in their confirmation reply, one field a line:
/// `Montant : 120 €` / `Amount: 120 EUR` and `Description : …`.
///
/// Lenient: labels in either language and any letter case, a missing description is
/// empty, and an amount that does not read as money is no claim at all (never a guess).
public struct JoinClaim: Sendable, Equatable {
    public var amount: Money
    public var description: String

    static let amountLabels: Set<String> = ["montant", "amount", "montant réclamé", "claim", "réclamation"]
    static let descriptionLabels: Set<String> = ["description", "motif", "reason"]

    public init(amount: Money, description: String) {
        self.amount = amount
        self.description = description
    }

    /// The claim in `text`, or nil when no line gives an amount.
    public init?(parsing text: String) {
        var amount: Money?
        var description = ""
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if amount == nil, Self.amountLabels.contains(label) {
                amount = Money(parsing: value)
            } else if description.isEmpty, Self.descriptionLabels.contains(label) {
                description = String(value.prefix(500))
            }
        }
        guard let amount else { return nil }
        self.init(amount: amount, description: description)
    }
}
