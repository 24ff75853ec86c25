import Foundation

extension Money {
    /// Reads an amount as French or English senders write it, with the currency before or
    /// after the number or left out (then `defaultCurrency`).
    ///
    /// Accepted: "150", "150,00", "150.50", "1 500 €" (ordinary, no-break U+00A0, narrow
    /// no-break U+202F or thin U+2009 spaces between thousands), "1,500.00 EUR",
    /// "1.500,00 €", "€1,500.00", "$150", "150 euros", "£20".
    ///
    /// How a lone "." or "," is read: followed by one or two digits it is the decimal
    /// separator ("150,5" is 150.50); followed by exactly three digits it groups thousands
    /// ("1,500" and "1.500" are both 1500), because no accepted currency has three decimals.
    /// When both appear, the last one is the decimal separator. Anything else — negative
    /// amounts, badly grouped digits ("1,50,000"), two currencies — is nil, never a guess.
    public init?(parsing text: some StringProtocol, defaultCurrency: Currency = .euro) {
        guard let read = Money.readAmount(text) else { return nil }
        self.init(minorUnits: read.minorUnits, currency: read.currency ?? defaultCurrency)
    }

    /// The amount and the currency the text names, if it names one. The offer parser uses
    /// this to tell "150" (currency from elsewhere) from "150 €".
    static func readAmount(_ text: some StringProtocol) -> (minorUnits: Int64, currency: Currency?)? {
        let trimmed = Substring(text).trimmingCharacters(in: .whitespacesAndNewlines.union(groupingSpaces))
        guard let firstDigit = trimmed.firstIndex(where: \.isASCIIDigit),
              let lastDigit = trimmed.lastIndex(where: \.isASCIIDigit) else { return nil }
        let prefix = trimmed[..<firstDigit].trimmingCharacters(in: .whitespaces.union(groupingSpaces))
        let suffix = trimmed[trimmed.index(after: lastDigit)...].trimmingCharacters(in: .whitespaces.union(groupingSpaces))
        var currency: Currency?
        switch (prefix.isEmpty, suffix.isEmpty) {
        case (true, true): currency = nil
        case (false, true): guard let named = Currency(naming: prefix) else { return nil }; currency = named
        case (true, false): guard let named = Currency(naming: suffix) else { return nil }; currency = named
        case (false, false): return nil
        }
        guard let minorUnits = readNumber(trimmed[firstDigit...lastDigit]) else { return nil }
        return (minorUnits, currency)
    }

    /// Spaces that French typography puts between groups of thousands.
    static let groupingSpaces = CharacterSet(charactersIn: " \u{00A0}\u{202F}\u{2009}")

    /// The largest amount read from text: a thousand billion units. Far above any claim, and
    /// low enough that shares and sums of ten thousand lines never overflow.
    static let largestReadableUnits: Int64 = 1_000_000_000_000

    private static func readNumber(_ number: Substring) -> Int64? {
        var integerPart = Substring(number)
        var fraction = ""
        if let lastMark = number.lastIndex(where: { $0 == "." || $0 == "," }) {
            let after = number[number.index(after: lastMark)...]
            if after.count == 1 || after.count == 2, after.allSatisfy(\.isASCIIDigit) {
                // The same mark earlier in the number would make it grouping and decimal at once.
                guard !number[..<lastMark].contains(number[lastMark]) else { return nil }
                integerPart = number[..<lastMark]
                fraction = String(after)
            } else if after.count != 3 {
                return nil
            }
        }
        guard let units = readGroupedInteger(integerPart), units <= largestReadableUnits else { return nil }
        let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        return units * 100 + cents
    }

    /// Digits, optionally grouped by threes with one kind of separator (spaces of any width
    /// count as one kind): "1500", "1 500", "1.500.000", "1,500".
    private static func readGroupedInteger(_ text: Substring) -> Int64? {
        var groups: [Substring] = []
        var separatorKinds: Set<Character> = []
        var current = text.startIndex
        for index in text.indices where !text[index].isASCIIDigit {
            let mark = text[index]
            if mark == "." || mark == "," {
                separatorKinds.insert(mark)
            } else if mark.unicodeScalars.allSatisfy(groupingSpaces.contains) {
                separatorKinds.insert(" ")
            } else {
                return nil
            }
            groups.append(text[current..<index])
            current = text.index(after: index)
        }
        groups.append(text[current...])
        guard separatorKinds.count <= 1, let first = groups.first, !first.isEmpty else { return nil }
        if groups.count > 1 {
            guard first.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        guard groups.joined().count <= 13 else { return nil }
        return Int64(groups.joined())
    }
}

extension Character {
    /// 0–9 only: other scripts' digits are not amounts a mediator can check.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
