import Foundation
import Testing

/// `truce case join-address CASE`: the address to publish, and a clear refusal otherwise.
@Suite("Command line: join address")
struct CLIJoinAddressTests {
    @Test func printsTheJoinAddressOfAnOpenCaseAndRefusesAnUnknownOne() async throws {
        let fixture = try await OperatorFixture()
        let config = ["--config", fixture.configFile]
        func truce(_ arguments: String...) throws -> CLITests.Run { try CLITests.truce(arguments + config) }
        let open = try truce("case", "open", "--title", "Retards", "--company", "Acme <legal@company.test>",
                             "--mediator", "Claire Martin <claire@mediator.test>")
        #expect(open.status == 0, "\(open.error)")

        let run = try truce("case", "join-address", "1")
        #expect(run.status == 0, "\(run.error)")
        let address = run.output.trimmingCharacters(in: .newlines)
        #expect(address.hasPrefix("truce+"))
        #expect(address.hasSuffix("@mediation.test"))
        #expect(try truce("case", "join-address", "1").output == run.output, "one address per case")

        let unknown = try truce("case", "join-address", "9")
        #expect(unknown.status == 1)
        #expect(unknown.error.hasPrefix("truce: no case 9"))
    }
}
