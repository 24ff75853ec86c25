import Foundation
import Mediation
import Store

extension CaseDesk {
    /// Rows per transaction, and how often progress is reported on large imports.
    public static let importBatch = 500

    /// Adds participants to an open case and queues a welcome for each (experts excepted:
    /// they join only the asides they are added to).
    ///
    /// Addresses already in the case are skipped and counted, so running the same import
    /// again adds nobody. Refused as a whole, before anything is written, when it would take
    /// the case past `mediation.max_consumers`. Commits every `importBatch` rows, calling
    /// `progress(done, total)` after each batch.
    public func addParticipants(
        caseNumber: Int64, _ newcomers: [Newcomer], rejected: [ImportReport.RejectedRow] = [],
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportReport {
        var report = ImportReport()
        report.rejected = rejected
        var accepted: [Newcomer] = []
        for newcomer in newcomers {
            guard let problem = problem(with: newcomer) else {
                accepted.append(newcomer)
                continue
            }
            guard let line = newcomer.line else { throw problem }
            report.rejected.append(.init(line: line, reason: problem.message))
        }
        let (caseRecord, present) = try store.read { session in
            (try existingCase(caseNumber, in: session), try session.participants(caseNumber: caseNumber))
        }
        guard caseRecord.state == .open else {
            throw OperatorError(.caseClosed, "case \(caseNumber) is closed; nobody can join it any more")
        }
        try checkConsumerLimit(caseNumber: caseNumber, present: present, adding: accepted)

        let now = context.clock.now
        var done = 0
        for start in stride(from: 0, to: accepted.count, by: Self.importBatch) {
            let batch = accepted[start..<min(start + Self.importBatch, accepted.count)]
            let (added, skipped, welcomes) = try store.write { session in
                var added: [Participant] = []
                var skipped: [PartyAddress] = []
                for newcomer in batch {
                    if try session.participant(caseNumber: caseNumber, address: newcomer.party.address) != nil {
                        skipped.append(newcomer.party)
                        continue
                    }
                    let participant = try session.addParticipant(
                        caseNumber: caseNumber, role: newcomer.role, address: newcomer.party.address,
                        displayName: newcomer.party.name, language: newcomer.language ?? caseRecord.language, at: now)
                    if let claim = newcomer.claim {
                        try session.setClaim(participantID: participant.id, amount: claim, at: now)
                    }
                    added.append(participant)
                }
                let greeted = added.filter { $0.role != .expert }
                let posts = try context.postOffice.notice(
                    "welcome", kind: .welcome, to: greeted, in: try session.room(caseNumber: caseNumber),
                    session: session, at: now)
                return (added, skipped, posts.reduce(0) { $0 + $1.deliveries.count })
            }
            report.added += added
            report.alreadyPresent += skipped
            report.welcomes += welcomes
            done += batch.count
            if accepted.count > Self.importBatch { progress(done, accepted.count) }
        }
        report.rejected.sort { $0.line < $1.line }
        return report
    }

    /// Reads a CSV file of claimants (see `ClaimantList`) and adds them as consumers.
    public func importClaimants(
        caseNumber: Int64, csv: String, language: Language? = nil,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ImportReport {
        let list = ClaimantList(csv: csv)
        let newcomers = list.newcomers.map { newcomer in
            var newcomer = newcomer
            newcomer.language = newcomer.language ?? language
            return newcomer
        }
        return try addParticipants(caseNumber: caseNumber, newcomers, rejected: list.rejected, progress: progress)
    }

    /// Why `newcomer` cannot join, or nil.
    private func problem(with newcomer: Newcomer) -> OperatorError? {
        if newcomer.party.name.isEmpty {
            return .invalid("\(newcomer.party.address) needs a name: write \"Name <\(newcomer.party.address)>\"")
        }
        if newcomer.role == .mediator {
            return .invalid("a case has one mediator, named when it is opened")
        }
        return gatewayProblem(newcomer.party)
    }

    /// Counts the consumers the case would have; distinct new addresses only.
    private func checkConsumerLimit(caseNumber: Int64, present: [Participant], adding newcomers: [Newcomer]) throws {
        let known = Set(present.map(\.address))
        let joining = Set(newcomers.filter { $0.role == .consumer }.map { Participant.matchingForm(of: $0.party.address) })
            .subtracting(known)
        let total = present.filter { $0.role == .consumer }.count + joining.count
        guard total <= mediation.maxConsumers else {
            throw OperatorError(
                .tooManyConsumers,
                "case \(caseNumber) would have \(total) consumers, more than mediation.max_consumers "
                    + "(\(mediation.maxConsumers)); nobody was added")
        }
    }
}
