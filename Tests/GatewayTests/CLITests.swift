import Foundation
import Testing

/// The `truce` executable run as the operator runs it, against a store in a temporary
/// directory. `swift build --build-tests` (and `swift test`) build it next to the tests.
@Suite("Command line")
struct CLITests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("truce")
    }

    static func truce(_ arguments: [String]) throws -> Run {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CLIMissing(path: executable.path)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truce-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // No TRUCE_* variable of the machine running the tests may override the test's file.
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8"]
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            error: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    struct CLIMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no truce executable at \(path): build it with `swift build --build-tests`" }
    }

    /// The names listed under SUBCOMMANDS in a help text, with their descriptions; a
    /// description that wraps onto a second line is kept whole, joined with a "⏎".
    static func subcommands(inHelp help: String) -> [String: String] {
        var found: [String: String] = [:]
        var last: String?
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [:] }
        for line in lines[(start + 1)...] {
            if line.isEmpty { break }
            let text = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("   "), let name = last {
                found[name, default: ""] += "⏎" + text
                continue
            }
            let words = text.split(separator: " ", maxSplits: 1)
            guard let name = words.first else { continue }
            last = String(name)
            found[String(name)] = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return found
    }

    @Test func theRootHelpListsEveryCommandWithOneLine() throws {
        let run = try Self.truce(["--help"])
        #expect(run.status == 0)
        let commands = Self.subcommands(inHelp: run.output)
        #expect(Set(commands.keys) == ["case", "aside", "serve", "held", "outbox", "parse", "doctor"])
        for (name, abstract) in commands {
            #expect(!abstract.isEmpty, "\(name) has no description")
            #expect(!abstract.contains("⏎"), "\(name)'s description takes more than one line: \(abstract)")
        }
    }

    @Test func theCaseHelpListsItsCommands() throws {
        let run = try Self.truce(["case", "--help"])
        #expect(run.status == 0)
        let commands = Self.subcommands(inHelp: run.output)
        #expect(Set(commands.keys) == ["open", "add", "show", "list", "notes", "ledger", "verify", "export", "join-address"])
        #expect(commands.values.allSatisfy { !$0.isEmpty && !$0.contains("⏎") })
        #expect(Set(Self.subcommands(inHelp: try Self.truce(["aside", "--help"]).output).keys) == ["open"])
    }

    @Test(arguments: [
        (["case", "open", "--title", "T", "--company", "Acme <legal-at-company.test>", "--mediator", "C <c@mediator.test>"],
         "--company: 'legal-at-company.test' in 'Acme <legal-at-company.test>' is not an email address like name@domain.org."),
        (["case", "open", "--title", "T", "--company", "Acme <legal@company.test>", "--mediator", "C <c@mediator.test>",
          "--language", "de"],
         "The language 'de' is not one Truce writes in; use fr or en."),
        (["case", "open", "--title", "T", "--company", "Acme <legal@company.test>", "--mediator", "C <c@mediator.test>",
          "--days", "0"],
         "--days must be at least 1: a room is open for one day or more."),
        (["case", "add", "1", "--consumer", "Jeanne <jeanne@consumer.test>", "--csv", "claimants.csv"],
         "Give people either with --consumer/--expert/--lawyer/--company or in a file with --csv, not both."),
        (["outbox", "--state", "lost"], "There is no delivery state 'lost'; use queued, sent, deferred or failed."),
        (["aside", "open", "1"], "Name at least one member: --with \"Consumer 12\" or --with address@example.org."),
    ])
    func argumentErrorsAreSentences(arguments: [String], sentence: String) throws {
        let run = try Self.truce(arguments)
        #expect(run.status == 64)
        #expect(run.error.hasPrefix("Error: \(sentence)\n"), "\(run.error)")
    }

    @Test func aMissingConfigurationExits78WithOneSentence() throws {
        let run = try Self.truce(["case", "list", "--config", "/nonexistent/truce.yaml"])
        #expect(run.status == 78)
        #expect(run.error == "truce: configuration file /nonexistent/truce.yaml does not exist: pass --config PATH or set TRUCE_CONFIG\n")
    }
}
