import ArgumentParser
import Foundation
import Gateway

extension Truce {
    /// `truce case export CASE DIR`: the whole record of a case, as files.
    struct CaseExportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a case's whole record into a directory.",
            discussion: """
                Writes posts.mbox (every post: the message as received, or the gateway's own message as \
                sent to its first recipient), notes.mbox (the mediator's notes), ledger.csv and ledger.json \
                (when the case was settled), protocole.txt (when there is a settlement agreement) and \
                audit.jsonl (the audit events with their hashes, in chain order). The directory is created \
                if needed; files of the same name are replaced.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        @Argument(help: "The directory to write into.")
        var directory: String

        func validate() throws { try ArgumentCheck.caseNumber(caseNumber) }

        func run() async throws {
            let desk = try await options.caseDesk()
            let summary = try Standard.refusing {
                try CaseExport(context: desk.context).write(
                    caseNumber: caseNumber, to: URL(fileURLWithPath: directory, isDirectory: true))
            }
            print("case \(caseNumber): \(summary.text)")
        }
    }
}
