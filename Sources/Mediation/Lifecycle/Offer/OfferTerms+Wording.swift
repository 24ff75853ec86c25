extension OfferTerms {
    /// The last day to answer, spelled out for the consumer: "20 décembre 2026",
    /// "December 20, 2026".
    public func lastDayToAnswerText(language: String) -> String {
        LifecycleLanguage.longDate(lastDayToAnswer, language: language)
    }

    /// The percentage of a percentage offer, as the reader writes numbers ("12,5" / "12.5");
    /// nil for a fixed amount.
    public func percentText(language: String) -> String? {
        guard case .percentOfClaim(let basisPoints) = kind else { return nil }
        return Self.percentText(basisPoints, language: language)
    }
}
