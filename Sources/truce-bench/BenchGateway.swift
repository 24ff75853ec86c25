// A fresh gateway on the local mail stack for the ingest and fan-out benchmarks: its own
// address (g<tag>@mediation.test, so its own INBOX), its own SQLite file, the repository's
// templates, and the real IMAP and SMTP clients, configured from a YAML file as
// `truce serve` is.
import Foundation
import Gateway
import MailTransport
import Mediation
import Store

struct BenchGateway {
    let tag: String
    let address: String
    let directory: URL
    let stack: String
    let configuration: TruceConfiguration
    let context: GatewayContext

    /// `smtp` is the block of SMTP settings (the fan-out sends through the relay port, as
    /// its peer does).
    init(stack: String, smtp: String) async throws {
        tag = String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8))
        address = "g\(tag)@mediation.test"
        self.stack = stack
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("truce-bench-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("truce.yaml").path
        try """
            gateway:
              address: \(address)
              name: Truce
              secret: bench-secret-\(tag)
            store:
              path: \(directory.appendingPathComponent("truce.sqlite").path)
            imap:
              url: imap://127.0.0.1:2143
              user: \(address)
              password: secret
            smtp:
            \(smtp)
            tls:
              ca_file: \(stack)/tls/ca.crt
            templates:
              directory: \(Self.repository.appendingPathComponent("Templates").path)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        configuration = try await ConfigurationLoader.load(file: file, environment: [:])
        context = try GatewayContext(
            configuration: configuration, store: try GatewayContext.openStore(configuration), clock: SystemClock())
    }

    var caFile: String { "\(stack)/tls/ca.crt" }

    /// Removes the database; the mail stays in the stack's mailboxes like any test's.
    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The project checkout: the working directory when it holds Templates/, else the
    /// package this file was compiled from.
    static var repository: URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if FileManager.default.fileExists(atPath: cwd.appendingPathComponent("Templates").path) { return cwd }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The mail stack's state directory: `--stack`, TRUCE_MAILSTACK_DIR, or the one
    /// `scripts/mailstack where` names.
    static func stackDirectory(_ args: [String]) -> String? {
        if let given = option("--stack", in: args) ?? ProcessInfo.processInfo.environment["TRUCE_MAILSTACK_DIR"] {
            return given
        }
        let script = repository.appendingPathComponent("scripts/mailstack").path
        guard let output = try? runTool(script, ["where"]), output.status == 0 else { return nil }
        let line = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return line.isEmpty ? nil : line
    }

    /// A case with a mediator, a company and `consumers` consumers, each a plus-address of
    /// one sink mailbox (`<sink>+c0001@consumer.test`), written straight into the store.
    func openCase(consumers: Int, sink: String) throws -> (room: Channel, people: [Participant]) {
        let now = context.clock.now
        return try context.store.write { session in
            let caseRecord = try session.createCase(
                title: "Frais de résiliation", companyName: "Acme", language: .fr, openedAt: now, roomDays: 30)
            func add(_ role: Role, _ local: String, _ name: String) throws -> Participant {
                try session.addParticipant(
                    caseNumber: caseRecord.number, role: role, address: "\(sink)+\(local)@consumer.test",
                    displayName: name, language: .fr, at: now)
            }
            var people = [try add(.mediator, "mediator", "Claire Martin"), try add(.company, "acme", "Acme")]
            for index in 1...consumers {
                people.append(try add(.consumer, String(format: "c%04d", index), String(format: "Client %04d", index)))
            }
            return (try session.room(caseNumber: caseRecord.number), people)
        }
    }

    /// Waits until `mailbox` (a full address) holds at least `count` messages, polling its
    /// STATUS; returns false after `seconds`.
    func waitFor(_ count: Int, in mailbox: String, seconds: Double = 300) throws -> Bool {
        let box = try IMAPMailbox(.init(
            url: "imap://127.0.0.1:2143", username: mailbox, password: "secret", requireTLS: true, caFile: caFile))
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try box.status().messages >= count { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// Runs a program to completion; returns its exit status and standard output (unless
    /// `output` takes it).
    static func runTool(_ path: String, _ arguments: [String], output: FileHandle? = nil) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = output ?? pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let data = output == nil ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    MIMEBenchmark.seconds(ContinuousClock.now - start)
}
