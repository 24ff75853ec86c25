import Foundation
import Testing

/// The real `truce` binary running as a child process, as an operator runs it: a test can
/// kill it without warning (SIGKILL), or ask it to stop (SIGTERM) and read how it exited.
///
/// The binary is the one built next to the test bundle (`swift build --build-tests` builds
/// both). Its output goes to a log file in the gateway's directory, so a full pipe can
/// never stall it and a failing test can show what it said.
final class ServeProcess {
    let process = Process()
    let log: URL
    /// How many times the log said "serving" before this start (the log is shared by
    /// successive starts of one gateway).
    private let servingBefore: Int

    /// Starts `truce serve --config FILE` with `arguments` appended.
    init(config: String, arguments: [String] = [], log: URL) throws {
        self.log = log
        servingBefore = Self.servingLines(in: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        process.executableURL = try Self.truceBinary()
        process.arguments = ["serve", "--config", config] + arguments
        // The configuration file alone decides: no TRUCE_* variable of the test run leaks in.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRUCE_") }
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Kills it on the spot, as a power cut or the OOM killer would, and reaps it.
    func kill() {
        Foundation.kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Asks it to stop as `systemctl stop` would, and waits at most `seconds` for it.
    /// Returns its exit status, or nil if it did not exit normally (then it is killed).
    func terminate(seconds: Double = 30) throws -> Int32? {
        Foundation.kill(pid, SIGTERM)
        do {
            _ = try LocalStack.eventually("truce serve (pid \(pid)) to exit after SIGTERM", seconds: seconds) {
                process.isRunning ? nil : true
            }
        } catch {
            kill()
            throw error
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// Waits until this start logged that it is serving: from then on, SIGTERM is handled
    /// as a graceful shutdown (before, the process has not set up its handlers yet).
    func awaitServing(seconds: Double = 60) throws {
        _ = try LocalStack.eventually("truce serve (pid \(pid)) to start serving", seconds: seconds) {
            Self.servingLines(in: output()) > servingBefore ? true : nil
        }
    }

    private static func servingLines(in text: String) -> Int {
        text.split(separator: "\n").filter { $0.contains("] serving ") }.count
    }

    /// What the binary wrote so far.
    func output() -> String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// `.build/<configuration>/truce`: next to the running test bundle, or in the debug
    /// build folder of the package holding this file.
    static func truceBinary() throws -> URL {
        var candidates: [URL] = []
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        // The bundle may be a directory tree (`X.xctest/…`) rather than one file.
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("truce"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(LocalStack.repository.appendingPathComponent(".build/debug/truce"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw Missing(searched: candidates.map(\.path))
    }

    struct Missing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the truce binary is not built (run swift build --build-tests); looked in \(searched.joined(separator: ", "))"
        }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same kill moments, and
/// the seed is printed so a failing run can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
