/// Why the room was not extended; the sentence is what the mediator is told.
public struct RoomExtensionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notAPositiveNumber(Int)
        case beyondLimit(requested: Int, openDays: Int, maxDays: Int)
    }

    private let code: Code

    /// An extension of zero or fewer days.
    public static func notAPositiveNumber(_ days: Int) -> RoomExtensionRefusal { .init(code: .notAPositiveNumber(days)) }
    /// The extension would keep the room open past its maximum (90 days: R612-5).
    public static func beyondLimit(requested: Int, openDays: Int, maxDays: Int) -> RoomExtensionRefusal {
        .init(code: .beyondLimit(requested: requested, openDays: openDays, maxDays: maxDays))
    }

    public var description: String { sentence(language: "en") }

    public func sentence(language: String) -> String {
        switch code {
        case .notAPositiveNumber(let days):
            return LifecycleLanguage.pick(language,
                fr: "Une prolongation se compte en jours, au moins 1 (reçu : \(days)).",
                en: "An extension is a number of days, at least 1 (got \(days)).")
        case .beyondLimit(let requested, let openDays, let maxDays):
            let left = max(0, maxDays - openDays)
            return LifecycleLanguage.pick(language,
                fr: "La salle ne peut rester ouverte plus de \(maxDays) jours après son ouverture (Code de la consommation, art. R612-5). "
                    + "Elle est ouverte pour \(openDays) jours ; \(requested) jours de plus dépasseraient cette limite. "
                    + (left > 0 ? "Vous pouvez encore ajouter au plus \(left) jours." : "Aucune prolongation n'est plus possible."),
                en: "The room cannot stay open more than \(maxDays) days after opening (French Consumer Code, R612-5). "
                    + "It is open for \(openDays) days; \(requested) more days would pass that limit. "
                    + (left > 0 ? "You can still add at most \(left) days." : "No further extension is possible."))
        }
    }
}
