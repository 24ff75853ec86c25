import ArgumentParser
import Foundation
import Gateway

/// The `truce` command line: the operator's view of the gateway.
@main
struct Truce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truce",
        abstract: "An email-native gateway for collective mediation.",
        discussion: """
            Parties mediate entirely by email; the operator runs the gateway and its cases from here. \
            The configuration file is Config/local.yaml unless --config or TRUCE_CONFIG names another; \
            every key can be overridden by TRUCE_<SECTION>_<KEY>.
            """,
        subcommands: [
            CaseCommands.self, AsideCommands.self, Serve.self, Held.self, Outbox.self, Parse.self,
            DoctorCommand.self,
        ]
    )
}

/// Options every command that reads the configuration shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = ProcessInfo.processInfo.environment["TRUCE_CONFIG"] ?? ConfigurationLoader.defaultPath

    /// Loads the configuration, or prints the one sentence that says what is wrong and exits 78.
    func load() async throws -> TruceConfiguration {
        do {
            return try await ConfigurationLoader.load(file: config)
        } catch {
            FileHandle.standardError.write(Data("truce: \(error.message)\n".utf8))
            throw ExitCode(ConfigurationError.exitStatus)
        }
    }
}
