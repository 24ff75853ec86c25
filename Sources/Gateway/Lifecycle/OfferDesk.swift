import Foundation
import Mediation
import Store

/// Takes in an offer (`/offer` from the company's legal team) or a proposal (`/propose`
/// from the mediator), inside Intake's transaction.
///
/// Writes: the `offers` row (superseding the case's previous offer), one `offer` notice per
/// active consumer — each with that consumer's own amount and their own signed accept and
/// decline addresses, so no consumer ever sees another's figure —, an announcement to the
/// other parties, a confirmation listing the parsed terms to the sender (or, when the terms
/// do not parse, everything wrong with them and an example), and an audit event.
struct OfferDesk {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    func receive(_ text: String, source: OfferSource, from author: Participant, caseRecord: Case) throws {
        let language = author.language.rawValue
        let reply = LifecycleReply(context: context, session: session, now: now)
        let fr = author.language == .fr
        let allowed: Role = source == .company ? .company : .mediator
        guard author.role == allowed else {
            try reply.send(
                fr ? "Commande non autorisée" : "Command not allowed",
                [source == .company
                    ? (fr ? "Seule l'entreprise peut faire une offre avec /offer ; le médiateur propose une solution avec /propose."
                          : "Only the company makes an offer with /offer; the mediator proposes a solution with /propose.")
                    : (fr ? "Seul le médiateur peut proposer une solution avec /propose."
                          : "Only the mediator proposes a solution with /propose.")],
                to: author)
            return
        }
        let terms: OfferTerms
        do {
            terms = try OfferParser(now: now).parse(text)
        } catch {
            try reply.send(fr ? "Offre non enregistrée" : "Offer not recorded", [error.message(language: language)], to: author)
            return
        }
        let (offer, replaced) = try session.recordOffer(
            caseNumber: caseRecord.number, authorID: author.id, source: source, terms: terms, at: now)
        let everyone = try session.participants(caseNumber: caseRecord.number).filter(\.isActive)
        let consumers = everyone.filter { $0.role == .consumer }
        let claims = try session.claims(caseNumber: caseRecord.number)
        for consumer in consumers {
            try present(offer, replacing: replaced, to: consumer, claim: claims[consumer.id]?.amount)
        }
        let room = try session.room(caseNumber: caseRecord.number)
        for language in Language.allCases {
            // The author has the confirmation instead.
            let readers = everyone.filter { $0.role != .consumer && $0.id != author.id && $0.language == language }
            try context.postOffice.notice(
                "offer_announced",
                context: announcement(offer, replaced: replaced, consumers: consumers.count, language: language),
                to: readers, in: room, session: session, at: now)
        }
        let box = try session.ballotBox(for: offer)
        var lines = [
            fr ? "Votre \(source == .company ? "offre" : "proposition") n° \(offer.id) est enregistrée et transmise à \(consumers.count) consommateur(s), chacun avec son propre montant :"
               : "Your \(source == .company ? "offer" : "proposal") #\(offer.id) is recorded and sent to \(consumers.count) consumer(s), each with their own amount:",
            "",
            terms.summary(language: language),
        ]
        if let replaced {
            lines += ["", fr ? "Elle remplace l'offre n° \(replaced.id) ; les réponses à celle-ci ne comptent plus."
                             : "It replaces offer #\(replaced.id); answers to that one no longer count."]
        }
        let shortfalls = box.shortfalls().count
        if shortfalls > 0 {
            lines += ["", fr ? "Attention : \(shortfalls) consommateur(s) n'ont pas de réclamation enregistrée dans la devise de l'offre ; un pourcentage leur donne 0."
                             : "Note: \(shortfalls) consumer(s) have no claim on record in the offer's currency; a percentage gives them 0."]
        }
        try reply.send(fr ? "Offre n° \(offer.id) enregistrée" : "Offer #\(offer.id) recorded", lines, to: author)
        try CaseAudit.append(
            caseNumber: caseRecord.number, kind: "offer.recorded",
            detail: ["offer": String(offer.id), "author": String(author.id), "source": source.rawValue,
                     "replaces": replaced.map { String($0.id) } ?? "", "consumers": String(consumers.count),
                     "terms": terms.summary(language: "en")],
            session: session, at: now)
    }

    /// One consumer's own copy of the offer: their amount, their ballot links.
    private func present(_ offer: Offer, replacing replaced: Offer?, to consumer: Participant, claim: Money?) throws {
        let language = consumer.language
        let code = language.rawValue
        let entitlement = offer.terms.entitlement(forClaim: claim)
        var values: [String: Any] = [
            "offer_id": offer.id,
            "is_proposal": offer.source == .mediator,
            "amount": entitlement.amount.formatted(language: code),
            "answer_by": offer.terms.lastDayToAnswerText(language: code),
            "details": offer.terms.details,
            "fee_percent": context.configuration.mediation.feePercent,
            "accept_mailto": mailto(offer, consumer, .accept),
            "decline_mailto": mailto(offer, consumer, .decline),
        ]
        if let replaced { values["replaces"] = replaced.id }
        if let percent = offer.terms.percentText(language: code) { values["percent"] = percent }
        switch entitlement.shortfall {
        case .noClaimOnRecord?:
            values["shortfall"] = language == .fr
                ? "Aucun montant de réclamation n'est enregistré pour vous : écrivez au médiateur en répondant à la salle pour le faire ajouter."
                : "No claim amount is on record for you: write to the mediator by replying to the room to have it added."
        case .claimInOtherCurrency(let currency)?:
            values["shortfall"] = language == .fr
                ? "Votre réclamation est en \(currency.code) : le médiateur fixera votre montant avec vous."
                : "Your claim is in \(currency.code): the mediator will settle your amount with you."
        case nil:
            break
        }
        let room = try session.room(caseNumber: consumer.caseNumber)
        try context.postOffice.notice("offer", context: values, to: [consumer], in: room, session: session, at: now)
    }

    /// `mailto:` the consumer's personal answer address, with a subject that says the answer
    /// (read back by `BallotChoice.read`, though the signed address alone decides).
    func mailto(_ offer: Offer, _ consumer: Participant, _ choice: BallotChoice) -> String {
        let address = context.addresses.address(for: .ballot(offer: offer.id, participant: consumer.id, choice: choice))
        let subject = switch (choice, consumer.language) {
        case (.accept, .fr): "ACCEPTER l'offre n°\(offer.id)"
        case (.decline, .fr): "REFUSER l'offre n°\(offer.id)"
        case (.accept, .en): "ACCEPT offer #\(offer.id)"
        case (.decline, .en): "DECLINE offer #\(offer.id)"
        }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = subject.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "mailto:\(address)?subject=\(encoded)"
    }

    private func announcement(_ offer: Offer, replaced: Offer?, consumers: Int, language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "offer_id": offer.id, "is_proposal": offer.source == .mediator, "consumer_count": consumers,
            "summary": offer.terms.summary(language: language.rawValue),
        ]
        if let replaced { values["replaces"] = replaced.id }
        return values
    }
}
