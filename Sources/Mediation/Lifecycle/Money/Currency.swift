/// An ISO 4217 currency the gateway accepts in offers and claims.
///
/// Every accepted currency has two minor-unit digits (cents, pence), which is what lets
/// `Money` keep amounts as plain integers of minor units. Senders may write the code
/// ("EUR"), the symbol ("€") or the word ("euros"); all three land on the same value.
public struct Currency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ISO 4217 code, upper case: "EUR".
    public let code: String

    /// Digits after the decimal separator; 2 for every currency accepted here.
    public var minorUnitDigits: Int { 2 }

    /// How many minor units make one major unit (100 cents to the euro).
    public var minorUnitsPerUnit: Int64 { 100 }

    public static let euro = Currency(uncheckedCode: "EUR")
    public static let usDollar = Currency(uncheckedCode: "USD")
    public static let poundSterling = Currency(uncheckedCode: "GBP")
    public static let swissFranc = Currency(uncheckedCode: "CHF")
    public static let canadianDollar = Currency(uncheckedCode: "CAD")

    /// The currencies a sender may name. Others are refused rather than guessed, because
    /// an amount in an unknown currency cannot be checked against the claims.
    public static let accepted: [Currency] = [.euro, .usDollar, .poundSterling, .swissFranc, .canadianDollar]

    private init(uncheckedCode: String) { self.code = uncheckedCode }

    /// Reads a code, symbol or word as a sender writes it: "EUR", "eur", "€", "euros",
    /// "$", "USD", "dollars", "£", "GBP", "livres"… Returns nil for anything else.
    public init?(naming text: some StringProtocol) {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        switch key {
        case "€", "eur", "euro", "euros": self = .euro
        case "$", "us$", "usd", "dollar", "dollars": self = .usDollar
        case "£", "gbp", "pound", "pounds", "livre", "livres", "livre sterling", "livres sterling": self = .poundSterling
        case "chf", "franc suisse", "francs suisses", "swiss franc", "swiss francs": self = .swissFranc
        case "cad", "ca$", "c$": self = .canadianDollar
        default: return nil
        }
    }

    /// The symbol used when formatting, or the code when the currency has no common symbol.
    public var symbol: String {
        switch code {
        case "EUR": "€"
        case "USD": "$"
        case "GBP": "£"
        default: code
        }
    }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(naming: code) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "Unknown currency \(code); accepted: EUR, USD, GBP, CHF, CAD"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
