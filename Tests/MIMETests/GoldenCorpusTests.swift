import Foundation
import Testing
@testable import MIME

/// Real-looking messages from the clients and mailers the gateway meets, each with the
/// report the parser must produce (`NAME.eml` → `NAME.expected.json`).
///
/// To regenerate after an intended change: `TRUCE_UPDATE_GOLDEN=1 swift test --filter
/// GoldenCorpus`, then review the diff of the expected files like code.
@Suite struct GoldenCorpusTests {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/messages")
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/messages")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(GoldenCorpusTests.names.count >= 14)
    }

    @Test(arguments: GoldenCorpusTests.names)
    func reportMatchesExpected(_ name: String) throws {
        let data = try Data(contentsOf: GoldenCorpusTests.directory.appendingPathComponent(name + ".eml"))
        let report = MessageReport(parsing: data)
        let json = report.json()
        #expect(!report.text().isEmpty)
        if ProcessInfo.processInfo.environment["TRUCE_UPDATE_GOLDEN"] == "1" {
            try json.write(to: GoldenCorpusTests.sourceDirectory.appendingPathComponent(name + ".expected.json"), atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: GoldenCorpusTests.directory.appendingPathComponent(name + ".expected.json"), encoding: .utf8)
        #expect(json == expected)
        // The JSON is valid and round-trips through Foundation's parser.
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    /// The one-walk body view says what the separate views say, for every message of the
    /// corpus (plain-only, HTML-only, alternative, related, forwarded and broken mail).
    @Test(arguments: GoldenCorpusTests.names)
    func oneWalkBodyMatchesTheSeparateViews(_ name: String) throws {
        let message = MailMessage(parsing: try Data(contentsOf: GoldenCorpusTests.directory.appendingPathComponent(name + ".eml")))
        let body = message.body
        #expect(body.text == message.text)
        #expect(body.plainText == message.plainText)
        #expect(body.html == message.html)
        #expect(body.attachments.map(\.filename) == message.attachments.map(\.filename))
        #expect(body.attachments.map(\.data) == message.attachments.map(\.data))
    }
}
