import ArgumentParser
import Foundation
import Gateway

extension Truce {
    /// `truce case join-address CASE`: the public address where consumers ask to join a case.
    struct CaseJoinAddress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join-address",
            abstract: "Print the address where consumers join a case.",
            discussion: """
                Anyone who writes to this address receives a confirmation email, and joins the case as a \
                consumer by replying to it from the same address.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        func run() async throws {
            let desk = try await options.caseDesk()
            let address = try Standard.refusing { try JoinDesk(context: desk.context).joinAddress(caseNumber: caseNumber) }
            print(address)
        }
    }
}
