import ArgumentParser
import Foundation
import Gateway
import Store

extension Truce {
    /// `truce held`: the holding pen.
    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the messages held for the operator.",
            discussion: "Newest first: id, date, reason, sender, case, detail. Nothing refused is ever lost; it waits here."
        )

        @OptionGroup var options: GlobalOptions

        @Option(name: .customLong("case"), help: "Only the messages held for this case.")
        var caseNumber: Int64?

        @Option(help: "How many to show at most.")
        var limit = 100

        @Flag(help: "Print a JSON array instead of the table.")
        var json = false

        func validate() throws {
            if let caseNumber { try ArgumentCheck.caseNumber(caseNumber) }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            let desk = try await options.caseDesk()
            let held = try Standard.refusing { try desk.heldMessages(caseNumber: caseNumber, limit: limit) }
            print(json ? try OperatorJSON.string(held) : CaseDesk.text(held), terminator: json ? "\n" : "")
        }
    }

    /// `truce outbox`: the deliveries.
    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show deliveries and their counts per state.",
            discussion: "Each delivery with its attempts, recipient, retry time and the server's last reply. Without --state, lists queued, deferred and failed deliveries; sent ones only with --state sent. Then the join letters (confirmation requests and answers to people who wrote to a join address, not participants yet), with the same states."
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Only deliveries in this state.", valueName: "queued|sent|deferred|failed"))
        var state: String?

        @Option(name: .customLong("case"), help: "Only the deliveries of this case.")
        var caseNumber: Int64?

        @Option(help: "How many deliveries to show at most.")
        var limit = 200

        @Flag(help: "Print a JSON object instead of the table.")
        var json = false

        private var deliveryState: Delivery.State? {
            get throws {
                guard let state else { return nil }
                guard let known = Delivery.State(rawValue: state.lowercased()) else {
                    throw ValidationError("There is no delivery state '\(state)'; use queued, sent, deferred or failed.")
                }
                return known
            }
        }

        func validate() throws {
            _ = try deliveryState
            if let caseNumber { try ArgumentCheck.caseNumber(caseNumber) }
            guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        }

        func run() async throws {
            let desk = try await options.caseDesk()
            let state = try deliveryState
            let outbox = try Standard.refusing { try desk.outbox(state: state, caseNumber: caseNumber, limit: limit) }
            print(json ? try OperatorJSON.string(outbox) : CaseDesk.text(outbox), terminator: json ? "\n" : "")
        }
    }
}
