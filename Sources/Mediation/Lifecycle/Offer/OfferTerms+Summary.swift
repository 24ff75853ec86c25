extension OfferTerms {
    /// The terms as the sender's confirmation states them: the amount, the last day to answer
    /// spelled out (so a misread date is caught at once), and the free text as recorded.
    public func summary(language: String) -> String {
        let french = LifecycleLanguage.isFrench(language)
        let day = LifecycleLanguage.longDate(lastDayToAnswer, language: language)
        let amount: String
        switch kind {
        case .fixed(let money):
            amount = french ? "\(money.formatted(language: language)) par consommateur"
                            : "\(money.formatted(language: language)) per consumer"
        case .percentOfClaim(let basisPoints):
            let percent = Self.percentText(basisPoints, language: language)
            amount = french ? "\(percent)\u{00A0}% de la réclamation de chaque consommateur (\(currency.code))"
                            : "\(percent)% of each consumer's claim (\(currency.code))"
        }
        let other = details.isEmpty ? (french ? "aucun" : "none") : "\n" + details
        if french {
            return """
            Montant : \(amount)
            Date limite pour répondre : \(day), jusqu'à minuit (heure \(timeZone.identifier))
            Autres éléments : \(other)
            """
        }
        return """
        Amount: \(amount)
        Deadline to answer: \(day), until midnight (\(timeZone.identifier) time)
        Other terms: \(other)
        """
    }

    /// 4000 → "40", 1250 → "12,5" / "12.5", 1225 → "12,25" / "12.25".
    static func percentText(_ basisPoints: Int, language: String) -> String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        guard fraction != 0 else { return String(whole) }
        var decimals = fraction < 10 ? "0\(fraction)" : String(fraction)
        if decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole)\(LifecycleLanguage.isFrench(language) ? "," : ".")\(decimals)"
    }
}
