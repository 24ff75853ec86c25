import Foundation
import Testing
@testable import MIME

/// Whole replies as clients write them (`Fixtures/replies/NAME.eml`), parsed, then
/// extracted; `NAME.expected.txt` holds the exact text the person wrote.
@Suite("Reply extraction on real-looking replies")
struct ReplyGoldenTests {
    static let directory: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/replies")

    static let fixtureNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func thereAreEnoughFixtures() {
        #expect(Self.fixtureNames.count >= 40)
    }

    @Test(arguments: fixtureNames)
    func extractsWhatThePersonWrote(_ name: String) throws {
        let raw = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml"))
        let expectedFile = try String(contentsOf: Self.directory.appendingPathComponent("\(name).expected.txt"), encoding: .utf8)
        let expected = expectedFile.hasSuffix("\n") ? String(expectedFile.dropLast()) : expectedFile
        let message = MailMessage(parsing: raw)
        let reply = ReplyExtractor.extract(plain: message.text, html: message.html)
        #expect(reply.text == expected)
    }

    /// Intake asks only for the text; it must be the very text the full extraction gives.
    @Test(arguments: fixtureNames)
    func theTextAloneIsTheSameText(_ name: String) throws {
        let message = MailMessage(parsing: try Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml")))
        let whole = ReplyExtractor.extract(plain: message.text, html: message.html)
        let textOnly = ReplyExtractor.extract(plain: message.text, html: message.html, keepingStripped: false)
        #expect(textOnly.text == whole.text)
        #expect(textOnly.keptFullText == whole.keptFullText)
    }

    @Test func nothingNewKeepsTheFullTextAndSaysSo() throws {
        for name in ["gmail-web-nothing-new", "apple-iphone-fr-nothing-new"] {
            let raw = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml"))
            let message = MailMessage(parsing: raw)
            let reply = ReplyExtractor.extract(plain: message.text, html: message.html)
            #expect(reply.keptFullText, "\(name)")
            #expect(reply.stripped.isEmpty, "\(name)")
        }
    }

    @Test func quotedCommandsAreStrippedNotKept() throws {
        for name in ["gmail-web-commands", "outlook-desktop-fr-company", "outlook-web-fr-html-only"] {
            let raw = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml"))
            let message = MailMessage(parsing: raw)
            let reply = ReplyExtractor.extract(plain: message.text, html: message.html)
            #expect(!reply.text.contains("/close"), "\(name)")
            #expect(reply.stripped.contains("/close"), "\(name)")
        }
    }

    @Test func htmlAloneGivesTheSameTextAsThePlainPart() throws {
        // Each client's HTML structure must lead to the same reply as its plain part.
        for name in ["gmail-web-fr-top-post", "gmail-web-en-interleaved", "outlook-desktop-fr", "outlook-web-en",
                     "outlook-android-fr", "apple-mail-macos-fr", "apple-iphone-en", "apple-mail-interleaved",
                     "thunderbird-fr-html", "yahoo-web-en", "samsung-email-fr"] {
            let raw = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml"))
            let message = MailMessage(parsing: raw)
            let fromPlain = ReplyExtractor.extract(plain: message.text, html: nil)
            let fromHTML = ReplyExtractor.extract(plain: nil, html: message.html)
            #expect(fromHTML.text == fromPlain.text, "\(name)")
        }
    }
}
