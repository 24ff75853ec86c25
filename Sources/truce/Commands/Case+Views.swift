import ArgumentParser
import Foundation
import Gateway

extension Truce.CaseCommands {
    /// `truce case show`: one case in full.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a case: parties, channels, counts.",
            discussion: "Participants with their roles, pseudonyms and addresses; channels with their members and posts; held messages, deliveries by state, and how many join requests wait for their confirmation reply (--join-requests lists them with their addresses)."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        @Flag(help: "Also list each pending join request: name, address, language, dates.")
        var joinRequests = false

        @Flag(help: "Print one JSON object instead of the readable report.")
        var json = false

        func validate() throws { try ArgumentCheck.caseNumber(caseNumber) }

        func run() async throws {
            let desk = try await options.caseDesk()
            let summary = try Standard.refusing { try desk.caseSummary(caseNumber: caseNumber, joinRequests: joinRequests) }
            if json {
                print(try OperatorJSON.string(summary))
            } else {
                print(summary.text, terminator: "")
            }
        }
    }

    /// `truce case list`: every case, one line each.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every case, one line each.",
            discussion: "Newest first: number, state, deadline, active participants, title."
        )

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print a JSON array instead of the table.")
        var json = false

        func run() async throws {
            let desk = try await options.caseDesk()
            let listings = try Standard.refusing { try desk.caseList() }
            print(json ? try OperatorJSON.string(listings) : CaseDesk.text(listings), terminator: json ? "\n" : "")
        }
    }

    /// `truce case notes`: the mediator's case file.
    struct Notes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the notes the mediator filed in a case.",
            discussion: "Each note with its date, subject, the start of its text, and its attachments."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        func validate() throws { try ArgumentCheck.caseNumber(caseNumber) }

        func run() async throws {
            let desk = try await options.caseDesk()
            let notes = try Standard.refusing { try desk.caseNotes(caseNumber: caseNumber) }
            print(CaseDesk.text(notes, caseNumber: caseNumber), terminator: "")
        }
    }
}
