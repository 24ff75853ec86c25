import Foundation
import Testing
@testable import MIME

/// Parsing a 25 MB message with a 24 MB (encoded) attachment must not copy the body
/// around. Measured in a child process (`truce-bench parse-rss`, built next to this test
/// bundle) reading VmHWM from /proc/self/status, so the test runner's own memory does
/// not count.
///
/// Why growth over a baseline rather than absolute peak: the child's resident memory
/// before it reads the file is about 25 MB (Swift runtime, Foundation and the libraries
/// truce-bench links), so the absolute peak cannot be under 2 × 25 MB for reasons that
/// have nothing to do with parsing. The test therefore asserts that what parsing adds
/// (peak minus the baseline measured just before reading the file, the file bytes
/// included) stays under 2 × the message size; measured at about 1.15 ×.
@Suite struct MemoryBoundTests {
    static var benchExecutable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("truce-bench")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func bigAttachmentIsNotCopiedWhileParsing() throws {
        let executable = MemoryBoundTests.benchExecutable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path),
                     "build truce-bench first (swift build --build-tests builds it)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("truce-big-\(getpid()).eml")
        defer { try? FileManager.default.removeItem(at: file) }

        var rng = SeededGenerator(seed: 25)
        var payload = [UInt8](repeating: 0, count: 18 * 1024 * 1024)
        payload.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in words.indices { words[i] = rng.next() }
        }
        var builder = MessageBuilder()
        builder.from = MailAddress(name: "Zoë", address: "zoe@exemple.fr")
        builder.to = [MailAddress(address: "truce+r1@truce.example")]
        builder.subject = "Pièces du dossier"
        builder.text = "Voici les pièces.\n"
        builder.attachments = [OutgoingAttachment(filename: "dossier.zip", contentType: "application/zip", data: Data(payload))]
        let data = try builder.build()
        #expect(data.count > 24 * 1024 * 1024)
        try data.write(to: file)

        let process = Process()
        process.executableURL = executable
        process.arguments = ["parse-rss", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let report = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let fileBytes = try #require(report["file_bytes"] as? Int)
        let baselineKB = try #require(report["baseline_kb"] as? Int)
        let peakKB = try #require(report["peak_kb"] as? Int)
        #expect(fileBytes == data.count)
        #expect(report["attachments"] as? Int == 1)
        let growth = (peakKB - baselineKB) * 1024
        #expect(growth < 2 * fileBytes, "parsing added \(growth) bytes for a \(fileBytes)-byte message (peak \(peakKB) kB, baseline \(baselineKB) kB)")
    }
}
