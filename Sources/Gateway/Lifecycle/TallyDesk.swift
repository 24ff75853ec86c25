import Foundation
import Mediation
import Store

/// Answers `/tally` (`/decompte`) from the mediator or the company: where the answers to the
/// current offer stand. Those who accepted are named (accepting is adhering to the
/// agreement, so the company must know who); those who declined are only counted.
struct TallyDesk {
    let context: GatewayContext
    let session: StoreSession
    let now: Date

    /// Whether a reply's first line asks for the tally.
    static func asks(_ text: String) -> Bool {
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return false
        }
        let word = first.trimmingCharacters(in: .whitespaces).lowercased()
            .folding(options: .diacriticInsensitive, locale: nil)
        return ["/tally", "/decompte"].contains(word)
    }

    func answer(_ author: Participant, caseRecord: Case) throws {
        let reply = LifecycleReply(context: context, session: session, now: now)
        let fr = author.language == .fr
        let code = author.language.rawValue
        guard author.role == .mediator || author.role == .company else {
            try reply.send(fr ? "Commande non autorisée" : "Command not allowed",
                           [fr ? "Seuls le médiateur et l'entreprise peuvent demander le décompte."
                               : "Only the mediator and the company can ask for the tally."], to: author)
            return
        }
        guard let offer = try session.currentOffer(caseNumber: caseRecord.number) else {
            try reply.send(fr ? "Aucune offre" : "No offer",
                           [fr ? "Aucune offre n'a encore été faite dans cette médiation." : "No offer has been made in this mediation yet."],
                           to: author)
            return
        }
        let tally = try session.ballotBox(for: offer).tally()
        let people = Dictionary(uniqueKeysWithValues: try session.participants(caseNumber: caseRecord.number).map { ($0.id, $0) })
        func money(_ amount: Money) -> String { amount.formatted(language: code) }
        var lines = fr ? [
            "Décompte de l'offre n° \(offer.id) (date limite : \(offer.terms.lastDayToAnswerText(language: code))) :",
            "- acceptée par \(tally.acceptedCount) consommateur(s), total \(money(tally.acceptedTotal))",
            "- refusée par \(tally.declinedCount), total \(money(tally.declinedTotal))",
            "- sans réponse : \(tally.pendingCount), total \(money(tally.pendingTotal))",
        ] : [
            "Tally of offer #\(offer.id) (deadline: \(offer.terms.lastDayToAnswerText(language: code))):",
            "- accepted by \(tally.acceptedCount) consumer(s), total \(money(tally.acceptedTotal))",
            "- declined by \(tally.declinedCount), total \(money(tally.declinedTotal))",
            "- no answer yet: \(tally.pendingCount), total \(money(tally.pendingTotal))",
        ]
        if tally.withdrawnCount > 0 {
            lines.append(fr ? "- retirés de la médiation : \(tally.withdrawnCount) (leurs réponses ne comptent pas)"
                            : "- withdrawn from the mediation: \(tally.withdrawnCount) (their answers do not count)")
        }
        if tally.shortfallCount > 0 {
            lines.append(fr ? "- sans réclamation utilisable pour un pourcentage : \(tally.shortfallCount)"
                            : "- without a claim a percentage can use: \(tally.shortfallCount)")
        }
        if !tally.acceptances.isEmpty {
            lines += ["", fr ? "Ont accepté :" : "Accepted:"]
            for acceptance in tally.acceptances {
                let consumer = people[acceptance.consumerID]
                let name = consumer.map { "\($0.publicName(in: author.language)) — \($0.displayName)" } ?? acceptance.pseudonym
                lines.append("- \(name) : \(money(acceptance.amount))")
            }
        }
        try reply.send(fr ? "Décompte de l'offre n° \(offer.id)" : "Tally of offer #\(offer.id)", lines, to: author)
        try CaseAudit.append(caseNumber: caseRecord.number, kind: "command.tally",
                             detail: ["author": String(author.id), "offer": String(offer.id)], session: session, at: now)
    }
}
