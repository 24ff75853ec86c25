import ArgumentParser
import Foundation
import Gateway
import Mediation
import Store

extension Truce {
    /// `truce case ledger CASE [--csv|--json]`: the settlement ledger of a case closed as settled.
    struct CaseLedger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Print the ledger of a case closed as settled.",
            discussion: """
                For each consumer who accepted: the gross amount, the platform's fee (mediation.fee_percent \
                when the case was settled, rounded half-up to the cent) and the net amount; consumers who \
                declined, did not answer or withdrew are listed apart with zero.

                The table is written in the case's language (French or English). --csv and --json are for \
                other programs: their column and field names stay the same, in English, whatever the case's \
                language, and amounts are plain decimals (CSV) or integer minor units (JSON).
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        @Flag(help: "Print CSV with fixed English column names (consumer,pseudonym,gross,fee,net,currency).")
        var csv = false

        @Flag(help: "Print JSON, amounts in integer minor units.")
        var json = false

        func validate() throws {
            if csv && json { throw ValidationError("choose one of --csv and --json") }
        }

        func run() async throws {
            let configuration = try await options.load()
            let store: MediationStore
            do {
                store = try GatewayContext.openStore(configuration)
            } catch {
                FileHandle.standardError.write(Data("truce: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
            guard let caseRecord = try store.read({ try $0.case(number: caseNumber) }) else {
                FileHandle.standardError.write(Data("truce: there is no case \(caseNumber)\n".utf8))
                throw ExitCode(1)
            }
            guard let ledger = try store.settlementLedger(caseNumber: caseNumber) else {
                FileHandle.standardError.write(Data("truce: case \(caseNumber) was not closed as settled (/close settled)\n".utf8))
                throw ExitCode(1)
            }
            if csv {
                print(ledger.csv(), terminator: "")
            } else if json {
                print(try ledger.json())
            } else {
                print(ledger.table(language: caseRecord.language), terminator: "")
            }
        }
    }

    /// `truce case verify CASE`: recomputes the case's audit chain.
    struct CaseVerify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that a case's audit chain is intact."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        func run() async throws {
            let configuration = try await options.load()
            let store: MediationStore
            do {
                store = try GatewayContext.openStore(configuration)
            } catch {
                FileHandle.standardError.write(Data("truce: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
            let count = try store.read { try $0.auditEventCount(caseNumber: caseNumber) }
            switch try CaseAudit.verify(caseNumber: caseNumber, store: store) {
            case .success(let head):
                print("case \(caseNumber): \(count) audit events, chain intact, head \(head.hex)")
            case .failure(let broken):
                print("case \(caseNumber): audit chain BROKEN at event \(broken.sequence): \(broken)")
                throw ExitCode(2)
            }
        }
    }
}
