/// The patterns of the natural forms an offer is written in, over folded text (see
/// `OfferLine`). Built once per parse: regexes are not shared across threads.
struct OfferPatterns {
    static let currency = #"(?:€|\$|£|us\$|eur|euros?|usd|gbp|chf|cad|dollars?|livres? sterling|livres?|pounds?)"#
    /// Digits grouped by threes, or plain digits, with an optional decimal part of 1–2 digits.
    static let number = #"(?:\d{1,3}(?:[ .,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"#
    static let money = #"(?:"# + currency + #"\s*)?"# + number + #"(?:\s*"# + currency + #"(?![a-z]))?"#
    static let percentNumber = #"(\d{1,3}(?:[.,]\d{1,2})?)"#

    let key: Regex<AnyRegexOutput>
    let money: Regex<AnyRegexOutput>
    let moneyWithCurrency: Regex<AnyRegexOutput>
    let fixedPerConsumer: Regex<AnyRegexOutput>
    let percentOfClaim: Regex<AnyRegexOutput>
    let percentValue: Regex<AnyRegexOutput>
    let deadlinePhrase: Regex<AnyRegexOutput>
    let dates = OfferDateReader()

    init() {
        func compile(_ pattern: String) -> Regex<AnyRegexOutput> {
            // Constant patterns; one that does not compile is caught by the tests.
            try! Regex(pattern)
        }
        key = compile(#"^\s*(amount|montant|percent|percentage|pourcentage|deadline|date limite|date-limite|echeance|currency|devise)\s*:\s*"#)
        money = compile(Self.money)
        moneyWithCurrency = compile(#"(?:"# + Self.currency + #"\s*"# + Self.number + #"|"# + Self.number + #"\s*"# + Self.currency + #"(?![a-z]))"#)
        let consumer = #"(?:consumers?|consommateurs?|claimants?|persons?|personnes?|participants?|members?|membres?|plaignants?|clients?)"#
        fixedPerConsumer = compile(#"("# + Self.money + #")\s*(?:per|par|each|/|for each|to each|pour chaque|a chaque)\s*"# + consumer + #"\b"#)
        let claim = #"(?:claimed amount|claim|reclamation|prejudice|demande|montant reclame|montant de la reclamation|somme reclamee)"#
        percentOfClaim = compile(Self.percentNumber + #"\s*%\s*(?:of|de|du|des)\s+(?:(?:each|every|the|their|chaque|la|le|leur|sa|son)\s+)?(?:(?:consumer's|consumers'|consumer|consommateur)\s+)?"# + claim + #"\b"#)
        percentValue = compile(#"^\s*"# + Self.percentNumber + #"\s*(?:%|pour ?cent|percent)?"#)
        deadlinePhrase = compile(#"\b(?:deadline|answer by|answers by|reply by|respond by|answer before|reply before|date limite|echeance|repondre avant|repondez avant|reponse avant|reponses avant|reponse attendue avant|a repondre avant)\s*:?\s*(?:(?:on|the|le)\s+)?"#)
    }

    /// Basis points from "40", "40,5", "12.25": two decimals at most.
    static func basisPoints(_ text: Substring) -> Int? {
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "," })
        guard let whole = parts.first.flatMap({ Int($0) }) else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? whole * 100 : nil }
        let decimals = String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0)
        guard let fraction = Int(decimals) else { return nil }
        return whole * 100 + fraction
    }
}
