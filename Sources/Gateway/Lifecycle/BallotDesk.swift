import Foundation
import Mediation
import Store

/// Counts a consumer's answer to an offer, inside Intake's transaction: from their personal
/// accept or decline address (the `mailto:` links), or from a plain reply to their copy of
/// the offer.
///
/// The rules are `BallotBox`'s: only the consumer the answer address names, only the current
/// offer, only before its deadline, never from a consumer who withdrew; the last answer
/// counts. Writes a `ballots` row (refused answers too, with why), a short answer to the
/// consumer, and an audit event. The time of an answer is when the gateway took it in, never
/// the message's own Date header, which the sender writes.
struct BallotDesk {
    let context: GatewayContext
    let session: StoreSession
    let now: Date
    let inboundID: Int64

    /// The answer of `sender` through an address naming `addressed`.
    func cast(_ choice: BallotChoice, offerID: Int64, addressed: Participant, sender: Participant) throws {
        let reply = LifecycleReply(context: context, session: session, now: now)
        let fr = sender.language == .fr
        guard let offer = try session.offer(id: offerID), offer.caseID == addressed.caseNumber else {
            try reply.send(fr ? "Réponse non enregistrée" : "Answer not recorded",
                           [BallotRefusal.notForThisOffer.sentence(language: sender.language.rawValue)], to: sender)
            return
        }
        var box = try session.ballotBox(for: offer)
        let ballot = Ballot(offerID: offer.id, consumerID: sender.id, addressedConsumerID: addressed.id,
                            choice: choice, castAt: now)
        let receipt: BallotBox.Receipt
        do {
            receipt = try box.record(ballot)
        } catch {
            try session.recordBallot(ballot, caseNumber: offer.caseID, inboundID: inboundID, refusal: error.description)
            try reply.send(fr ? "Réponse non enregistrée" : "Answer not recorded",
                           [error.sentence(language: sender.language.rawValue)], to: sender)
            try audit(ballot, offer: offer, refusal: error.description)
            return
        }
        try session.recordBallot(ballot, caseNumber: offer.caseID, inboundID: inboundID, refusal: nil)
        try reply.send(summary(choice, offer: offer, fr: fr), lines(receipt, offer: offer, language: sender.language), to: sender)
        try audit(ballot, offer: offer, refusal: nil)
    }

    private func summary(_ choice: BallotChoice, offer: Offer, fr: Bool) -> String {
        switch choice {
        case .accept: fr ? "Vous acceptez l'offre n° \(offer.id)" : "You accept offer #\(offer.id)"
        case .decline: fr ? "Vous refusez l'offre n° \(offer.id)" : "You decline offer #\(offer.id)"
        }
    }

    private func lines(_ receipt: BallotBox.Receipt, offer: Offer, language: Language) -> [String] {
        let code = language.rawValue
        let fr = language == .fr
        let day = offer.terms.lastDayToAnswerText(language: code)
        var lines: [String] = []
        switch receipt.ballot.choice {
        case .accept:
            let amount = receipt.entitlement.amount.formatted(language: code)
            lines.append(fr ? "Votre acceptation est enregistrée. Montant prévu pour vous : \(amount)."
                            : "Your acceptance is recorded. Amount for you: \(amount).")
        case .decline:
            lines.append(fr ? "Votre refus est enregistré. Vous gardez le droit de saisir la justice."
                            : "Your refusal is recorded. You keep the right to go to court.")
        }
        if let previous = receipt.previousChoice, previous != receipt.ballot.choice {
            lines.append(fr ? "Elle remplace votre réponse précédente (\(previous == .accept ? "acceptation" : "refus"))."
                            : "It replaces your previous answer (\(previous == .accept ? "accept" : "decline")).")
        }
        lines.append(fr ? "Vous pouvez changer d'avis jusqu'au \(day) à minuit : votre dernière réponse compte."
                        : "You may change your mind until \(day) at midnight: your last answer counts.")
        return lines
    }

    private func audit(_ ballot: Ballot, offer: Offer, refusal: String?) throws {
        var detail = ["offer": String(offer.id), "consumer": String(ballot.consumerID),
                      "addressed": String(ballot.addressedConsumerID), "choice": ballot.choice.rawValue]
        if let refusal { detail["refused"] = refusal }
        try CaseAudit.append(caseNumber: offer.caseID, kind: refusal == nil ? "ballot.counted" : "ballot.refused",
                             detail: detail, session: session, at: now)
    }
}
