extension Money {
    /// The amount as a reader of `language` expects it.
    ///
    /// French ("fr"): "1 500,00 €" — thousands grouped by U+202F NARROW NO-BREAK SPACE and
    /// the symbol after a U+00A0 NO-BREAK SPACE, as the Imprimerie nationale and CLDR write
    /// it; both spaces are unbreakable so a mail client never wraps "€" onto its own line.
    /// Anything else is English: "€1,500.00", "$20.00", "CHF 1,500.00".
    public func formatted(language: String) -> String {
        let perUnit = currency.minorUnitsPerUnit
        let units = String(minorUnits / perUnit)
        let cents = String(minorUnits % perUnit)
        let paddedCents = String(repeating: "0", count: currency.minorUnitDigits - cents.count) + cents
        if LifecycleLanguage.isFrench(language) {
            return Self.grouped(units, by: "\u{202F}") + "," + paddedCents + "\u{00A0}" + currency.symbol
        }
        let number = Self.grouped(units, by: ",") + "." + paddedCents
        return currency.symbol == currency.code ? currency.code + "\u{00A0}" + number : currency.symbol + number
    }

    private static func grouped(_ digits: String, by separator: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}
