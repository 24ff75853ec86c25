import Foundation
import Testing
@testable import MIME

/// Whatever the builder writes, the parser reads back to the same values. Inputs are
/// random but seeded: a failure message names the case, and rerunning reproduces it.
@Suite struct RoundTripTests {
    static let alphabet: [String] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").map(String.init)
        + ["é", "è", "à", "ç", "ù", "ô", "Œ", "ß", "Ü", "ñ", "€", "—", "«", "»", "’", "日", "本", "語", "Ж", "Ω", "🎉", "👩‍👩‍👧‍👦", "🇫🇷"]
        + [" ", " ", " ", "\t", ".", ",", ";", ":", "\"", "'", "\\", "(", ")", "<", ">", "@", "[", "]", "=?", "?=", "_", "=", "%", "-", "--"]

    static func randomString(_ rng: inout SeededGenerator, maxLength: Int, pool: [String] = alphabet) -> String {
        let length = Int.random(in: 0...maxLength, using: &rng)
        return (0..<length).map { _ in pool.randomElement(using: &rng)! }.joined()
    }

    static func randomAddress(_ rng: inout SeededGenerator) -> MailAddress {
        let local = "user" + String(Int.random(in: 0...99_999, using: &rng)) + ["", ".x", "+tag", "-y"].randomElement(using: &rng)!
        let domain = ["exemple.fr", "example.com", "bücher.de", "truce.example", "sub.domain.org"].randomElement(using: &rng)!
        let name: String? = Bool.random(using: &rng) ? randomString(&rng, maxLength: 40) : nil
        return MailAddress(name: name, address: "\(local)@\(domain)")
    }

    static func randomBody(_ rng: inout SeededGenerator) -> String {
        let lineCount = Int.random(in: 0...12, using: &rng)
        let pool = alphabet + ["From ", ".", "=", "=3D", "> ", "--=_truce_", String(repeating: "x", count: 90)]
        return (0..<lineCount).map { _ in randomString(&rng, maxLength: 120, pool: pool) }.joined(separator: "\n")
            + (Bool.random(using: &rng) ? "\n" : "")
    }

    /// What a reader can observe of a display name: blanks collapse, ends are trimmed,
    /// an empty name or one equal to the address is no name.
    static func observedName(_ a: MailAddress) -> String? {
        guard let name = a.name else { return nil }
        let collapsed = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if collapsed.isEmpty || collapsed.caseInsensitiveCompare(a.address) == .orderedSame
            || collapsed.caseInsensitiveCompare("<\(a.address)>") == .orderedSame { return nil }
        return collapsed
    }

    static let caseCount = ProcessInfo.processInfo.environment["TRUCE_ROUNDTRIP"].flatMap(Int.init) ?? 400

    @Test func builtMessagesParseBackToTheSameValues() throws {
        var rng = SeededGenerator(seed: 20_261_128)
        for index in 0..<RoundTripTests.caseCount {
            var b = MessageBuilder()
            b.from = RoundTripTests.randomAddress(&rng)
            b.to = (0..<Int.random(in: 0...4, using: &rng)).map { _ in RoundTripTests.randomAddress(&rng) }
            b.cc = (0..<Int.random(in: 0...2, using: &rng)).map { _ in RoundTripTests.randomAddress(&rng) }
            b.subject = RoundTripTests.randomString(&rng, maxLength: 150)
            b.messageID = MessageBuilder.newMessageID(domain: "truce.example")
            b.references = (0..<Int.random(in: 0...3, using: &rng)).map { "r\($0).\(index)@exemple.fr" }
            b.date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: 0...4_000_000_000, using: &rng)))
            b.text = RoundTripTests.randomBody(&rng)
            if Bool.random(using: &rng) { b.html = "<p>" + RoundTripTests.randomBody(&rng) + "</p>" }
            let attachmentCount = Int.random(in: 0...2, using: &rng)
            b.attachments = (0..<attachmentCount).map { _ in
                var name = RoundTripTests.randomString(&rng, maxLength: 80).trimmingCharacters(in: .whitespaces)
                if name.isEmpty { name = "file.bin" }
                let bytes = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                return OutgoingAttachment(filename: name, contentType: ["application/pdf", "image/png", "text/csv"].randomElement(using: &rng)!, data: Data(bytes))
            }

            let data = try b.build()
            let m = MailMessage(parsing: data)
            let label = "case \(index)"
            #expect(m.from.map(\.address) == [b.from!.address], "\(label)")
            #expect(m.from.map(RoundTripTests.observedName) == [RoundTripTests.observedName(b.from!)], "\(label)")
            #expect(m.to.map(\.address) == b.to.map(\.address), "\(label)")
            #expect(m.to.map(RoundTripTests.observedName) == b.to.map(RoundTripTests.observedName), "\(label)")
            #expect(m.cc.map(RoundTripTests.observedName) == b.cc.map(RoundTripTests.observedName), "\(label)")
            #expect(m.subject?.trimmingCharacters(in: .whitespaces) == b.subject!.trimmingCharacters(in: .whitespaces), "\(label)")
            #expect(m.messageID == b.messageID, "\(label)")
            #expect(m.references == b.references, "\(label)")
            #expect(m.date == b.date, "\(label)")
            #expect(m.plainText == b.text, "\(label)")
            #expect(m.html == b.html, "\(label)")
            #expect(m.attachments.map(\.filename) == b.attachments.map(\.filename), "\(label)")
            #expect(m.attachments.map(\.data) == b.attachments.map(\.data), "\(label)")
            #expect(m.attachments.map(\.contentType) == b.attachments.map(\.contentType), "\(label)")
        }
    }
}
