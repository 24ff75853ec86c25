/// Why a ballot was not recorded. Each refusal is answered to the sender with its sentence;
/// none changes what was recorded before.
public struct BallotRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notForThisOffer
        case notThatConsumer
        case withdrawn
        case afterDeadline
        case superseded(byOfferID: Int64)
        case offerWithdrawn
    }

    private let code: Code

    /// The ballot names another offer than the one this box counts.
    public static let notForThisOffer = BallotRefusal(code: .notForThisOffer)
    /// The sender is not the consumer the ballot address names (or that consumer is not a
    /// party): each consumer answers for themselves.
    public static let notThatConsumer = BallotRefusal(code: .notThatConsumer)
    /// The consumer has withdrawn from the mediation (R612-2) and no longer answers offers.
    public static let withdrawn = BallotRefusal(code: .withdrawn)
    /// The deadline to answer has passed; the last answer before it stands.
    public static let afterDeadline = BallotRefusal(code: .afterDeadline)
    /// A later offer replaced this one; the consumer should answer that one.
    public static func superseded(byOfferID id: Int64) -> BallotRefusal { BallotRefusal(code: .superseded(byOfferID: id)) }
    /// Its author took the offer back; there is nothing left to answer.
    public static let offerWithdrawn = BallotRefusal(code: .offerWithdrawn)

    public var description: String { sentence(language: "en") }

    /// What the sender is told, in French or English.
    public func sentence(language: String) -> String {
        switch code {
        case .notForThisOffer:
            LifecycleLanguage.pick(language,
                fr: "Cette réponse ne concerne pas l'offre en cours ; répondez au message qui présente l'offre.",
                en: "This answer is not for the current offer; reply to the message that presents the offer.")
        case .notThatConsumer:
            LifecycleLanguage.pick(language,
                fr: "Cette adresse de réponse est personnelle à un autre consommateur ; chacun répond depuis son propre message.",
                en: "This answer address belongs to another consumer; each consumer answers from their own message.")
        case .withdrawn:
            LifecycleLanguage.pick(language,
                fr: "Vous vous êtes retiré(e) de la médiation ; votre réponse n'est pas enregistrée.",
                en: "You have withdrawn from the mediation; your answer is not recorded.")
        case .afterDeadline:
            LifecycleLanguage.pick(language,
                fr: "La date limite pour répondre à cette offre est passée ; votre dernière réponse avant cette date est celle qui compte.",
                en: "The deadline to answer this offer has passed; your last answer before it is the one that counts.")
        case .superseded(let id):
            LifecycleLanguage.pick(language,
                fr: "Cette offre a été remplacée par l'offre n°\(id) ; répondez au message qui présente la nouvelle offre.",
                en: "This offer was replaced by offer #\(id); answer the message that presents the new offer.")
        case .offerWithdrawn:
            LifecycleLanguage.pick(language,
                fr: "Cette offre a été retirée ; il n'y a plus rien à y répondre.",
                en: "This offer was withdrawn; there is nothing left to answer.")
        }
    }
}
