import Foundation

/// Why an `/offer` or `/propose` email was not recorded, as a list of everything wrong with
/// it at once, so the sender fixes the email in one round trip.
///
/// `message(language:)` is the body emailed back to the sender: the problems, then the
/// expected form with a worked example whose deadline is a valid future day.
public struct OfferParseError: Error, Sendable, Hashable {
    /// One thing missing, unreadable or ambiguous in the offer.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Code: Sendable, Hashable {
            case notAnOffer
            case missingAmount
            case amountWithoutBasis(String)
            case unreadableAmount(String)
            case ambiguousAmount([String])
            case zeroAmount
            case percentOutOfRange(String)
            case unknownCurrency(String)
            case conflictingCurrency([String])
            case missingDeadline
            case unreadableDeadline(String)
            case ambiguousDeadline([String])
            case deadlinePassed(DateComponents)
        }

        fileprivate let code: Code

        /// The first line is neither `/offer` nor `/propose`.
        public static let notAnOffer = Problem(code: .notAnOffer)
        /// Neither an amount per consumer nor a percentage of each claim was found.
        public static let missingAmount = Problem(code: .missingAmount)
        /// An amount was written without saying it is per consumer ("150 €" alone).
        public static func amountWithoutBasis(_ text: String) -> Problem { Problem(code: .amountWithoutBasis(text)) }
        /// An `amount:` or `percent:` line whose value is not a number.
        public static func unreadableAmount(_ text: String) -> Problem { Problem(code: .unreadableAmount(text)) }
        /// Two different amounts, or an amount and a percentage.
        public static func ambiguousAmount(_ texts: [String]) -> Problem { Problem(code: .ambiguousAmount(texts)) }
        /// An offer of nothing.
        public static let zeroAmount = Problem(code: .zeroAmount)
        /// A percentage of 0 or above 100.
        public static func percentOutOfRange(_ text: String) -> Problem { Problem(code: .percentOutOfRange(text)) }
        /// A currency the gateway does not accept.
        public static func unknownCurrency(_ text: String) -> Problem { Problem(code: .unknownCurrency(text)) }
        /// Two different currencies named.
        public static func conflictingCurrency(_ codes: [String]) -> Problem { Problem(code: .conflictingCurrency(codes)) }
        /// No deadline to answer was found (R612-4 requires one).
        public static let missingDeadline = Problem(code: .missingDeadline)
        /// A deadline line whose date could not be read.
        public static func unreadableDeadline(_ text: String) -> Problem { Problem(code: .unreadableDeadline(text)) }
        /// Two different deadlines.
        public static func ambiguousDeadline(_ texts: [String]) -> Problem { Problem(code: .ambiguousDeadline(texts)) }
        /// The last day to answer is already over.
        public static func deadlinePassed(_ day: DateComponents) -> Problem { Problem(code: .deadlinePassed(day)) }

        public var description: String { sentence(language: "en") }

        /// One line saying what is wrong, in French or English.
        public func sentence(language: String) -> String {
            let fr: String, en: String
            switch code {
            case .notAnOffer:
                fr = "La première ligne doit être /offer (offre de l'entreprise) ou /propose (proposition du médiateur)."
                en = "The first line must be /offer (the company's offer) or /propose (the mediator's proposal)."
            case .missingAmount:
                fr = "Il manque le montant : un montant par consommateur ou un pourcentage de chaque réclamation."
                en = "The amount is missing: an amount per consumer or a percentage of each claim."
            case .amountWithoutBasis(let text):
                fr = "Le montant « \(text) » ne dit pas s'il est par consommateur : écrivez « \(text) par consommateur »."
                en = "The amount \"\(text)\" does not say it is per consumer: write \"\(text) per consumer\"."
            case .unreadableAmount(let text):
                fr = "Le montant « \(text) » n'a pas pu être lu."
                en = "The amount \"\(text)\" could not be read."
            case .ambiguousAmount(let texts):
                fr = "Plusieurs montants différents sont indiqués (\(texts.joined(separator: " ; "))) : n'en gardez qu'un."
                en = "Several different amounts are given (\(texts.joined(separator: "; "))): keep only one."
            case .zeroAmount:
                fr = "Le montant proposé est nul."
                en = "The amount offered is zero."
            case .percentOutOfRange(let text):
                fr = "Le pourcentage « \(text) » doit être supérieur à 0 et au plus 100 %."
                en = "The percentage \"\(text)\" must be above 0 and at most 100%."
            case .unknownCurrency(let text):
                fr = "La devise « \(text) » n'est pas acceptée (EUR, USD, GBP, CHF, CAD)."
                en = "The currency \"\(text)\" is not accepted (EUR, USD, GBP, CHF, CAD)."
            case .conflictingCurrency(let codes):
                fr = "Plusieurs devises sont indiquées (\(codes.joined(separator: ", "))) : n'en gardez qu'une."
                en = "Several currencies are given (\(codes.joined(separator: ", "))): keep only one."
            case .missingDeadline:
                fr = "Il manque la date limite pour répondre."
                en = "The deadline to answer is missing."
            case .unreadableDeadline(let text):
                fr = "La date limite « \(text) » n'a pas pu être lue."
                en = "The deadline \"\(text)\" could not be read."
            case .ambiguousDeadline(let texts):
                fr = "Plusieurs dates limites différentes sont indiquées (\(texts.joined(separator: " ; "))) : n'en gardez qu'une."
                en = "Several different deadlines are given (\(texts.joined(separator: "; "))): keep only one."
            case .deadlinePassed(let day):
                fr = "La date limite du \(LifecycleLanguage.longDate(day, language: "fr")) est déjà passée."
                en = "The deadline of \(LifecycleLanguage.longDate(day, language: "en")) has already passed."
            }
            return LifecycleLanguage.pick(language, fr: fr, en: en)
        }
    }

    /// Everything wrong with the offer, in the order the sender should read it.
    public let problems: [Problem]
    /// The command the sender used, repeated in the example: "/offer" or "/propose".
    public let command: String
    /// A valid future day for the example, so the example itself would be accepted.
    public let exampleDeadline: DateComponents

    public init(problems: [Problem], command: String = "/offer", exampleDeadline: DateComponents) {
        self.problems = problems
        self.command = command
        self.exampleDeadline = exampleDeadline
    }

    /// The reply body: why the offer was not recorded, then the expected form by example.
    public func message(language: String) -> String {
        let bullets = problems.map { "- " + $0.sentence(language: language) }.joined(separator: "\n")
        let day = LifecycleLanguage.numericDate(exampleDeadline, language: language)
        if LifecycleLanguage.isFrench(language) {
            return """
            Votre offre n'a pas été enregistrée :
            \(bullets)

            Écrivez une ligne par élément, par exemple :

            \(command)
            montant : 150 € par consommateur
            date limite : \(day)
            Un bon d'achat de 20 € est aussi offert à chacun.

            Pour un pourcentage de la réclamation de chacun, remplacez la ligne du montant par :
            pourcentage : 40 % de chaque réclamation

            Les lignes qui suivent sont transmises telles quelles aux consommateurs.
            """
        }
        return """
        Your offer was not recorded:
        \(bullets)

        Write one line per item, for example:

        \(command)
        amount: 150 EUR per consumer
        deadline: \(day)
        A 20 EUR voucher is also offered to each consumer.

        For a percentage of each consumer's claim, replace the amount line with:
        percent: 40% of each claim

        Any further lines are passed on to the consumers as written.
        """
    }
}
