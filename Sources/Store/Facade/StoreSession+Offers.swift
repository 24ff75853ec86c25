import Foundation
import GRDB
import Mediation

extension StoreSession {
    /// Stores a new offer; the case's previous open offer, if any, is superseded by it.
    /// Returns the new offer and the one it replaced.
    public func recordOffer(
        caseNumber: Int64, authorID: Int64, source: OfferSource, terms: OfferTerms, at date: Date
    ) throws -> (offer: Offer, replaced: Offer?) {
        let previous = try currentOffer(caseNumber: caseNumber)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var record = OfferRecord(
            caseNumber: caseNumber, authorID: authorID, source: source,
            terms: String(decoding: try encoder.encode(terms), as: UTF8.self),
            deadline: terms.deadline, issuedAt: date)
        try record.insert(db)
        if let previous {
            try db.execute(sql: "UPDATE offers SET superseded_by = ? WHERE id = ?", arguments: [record.id, previous.id])
        }
        return (try record.offer(), previous)
    }

    /// The case's latest offer, which is the only one not superseded; nil before any offer.
    public func currentOffer(caseNumber: Int64) throws -> Offer? {
        try OfferRecord.filter(OfferRecord.Columns.caseNumber == caseNumber && Column("superseded_by") == nil)
            .order(OfferRecord.Columns.id.desc).fetchOne(db)?.offer()
    }

    public func offer(id: Int64) throws -> Offer? {
        try OfferRecord.fetchOne(db, key: id)?.offer()
    }

    /// Every offer of a case, oldest first.
    public func offers(caseNumber: Int64) throws -> [OfferRecord] {
        try OfferRecord.filter(OfferRecord.Columns.caseNumber == caseNumber).order(OfferRecord.Columns.id).fetchAll(db)
    }

    /// Keeps an answer, counted (`refusal` nil) or refused.
    @discardableResult
    public func recordBallot(_ ballot: Ballot, caseNumber: Int64, inboundID: Int64?, refusal: String?) throws -> BallotRecord {
        var record = BallotRecord(
            caseNumber: caseNumber, offerID: ballot.offerID, consumerID: ballot.consumerID,
            addressedConsumerID: ballot.addressedConsumerID, choice: ballot.choice, castAt: ballot.castAt,
            inboundID: inboundID, refusal: refusal)
        try record.insert(db)
        return record
    }

    /// The answers to an offer, in the order received; refused ones included.
    public func ballots(offerID: Int64) throws -> [BallotRecord] {
        try BallotRecord.filter(BallotRecord.Columns.offerID == offerID).order(BallotRecord.Columns.id).fetchAll(db)
    }

    /// The ballot box of an offer as it stands: every consumer of the case on the roll (those
    /// no longer active marked so, their answers void), and every counted answer replayed.
    public func ballotBox(for offer: Offer) throws -> BallotBox {
        let consumers = try participants(caseNumber: offer.caseID).filter { $0.role == .consumer }
        let claims = try self.claims(caseNumber: offer.caseID)
        let voters = consumers.map { consumer in
            BallotBox.Voter(consumerID: consumer.id, pseudonym: consumer.publicName(in: .fr),
                            claim: claims[consumer.id]?.amount, isActive: consumer.isActive)
        }
        var box = BallotBox(offer: offer, voters: voters)
        for record in try ballots(offerID: offer.id) where record.refusal == nil {
            // A consumer who withdrew since is refused on replay: their answers are void.
            _ = try? box.record(record.ballot)
        }
        return box
    }
}
