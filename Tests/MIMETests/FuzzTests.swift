import Foundation
import Testing
@testable import MIME

/// Feeds damaged messages to the parser: random byte flips, truncations, boundary
/// damage, inserted and duplicated chunks. Nothing may crash or hang, and every view a
/// caller can ask for must be computed. Seeded, so a crash names a reproducible case.
///
/// 10,000 messages by default (small ones, to keep the run short); 1,000,000 with
/// `TRUCE_FUZZ=full`.
@Suite struct FuzzTests {
    static let total = ProcessInfo.processInfo.environment["TRUCE_FUZZ"] == "full" ? 1_000_000 : 10_000
    static let shards = 8

    static let seeds: [[UInt8]] = {
        var seeds: [[UInt8]] = []
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/messages")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        for file in files {
            if let data = try? Data(contentsOf: directory.appendingPathComponent(file)), data.count < 8_000 {
                seeds.append([UInt8](data))
            }
        }
        var b = MessageBuilder()
        b.from = MailAddress(name: "Zoë", address: "zoe@exemple.fr")
        b.to = [MailAddress(name: "Truce, dossier 12", address: "truce+x@truce.example")]
        b.subject = "Réunion — dossier"
        b.text = "Bonjour à tous\n> cité\n"
        b.html = "<p>Bonjour</p>"
        b.attachments = [OutgoingAttachment(filename: "résumé.pdf", data: Data(repeating: 7, count: 300))]
        if let built = try? b.build() { seeds.append([UInt8](built)) }
        return seeds
    }()

    static let interesting: [[UInt8]] = [
        "\r\n", "\n", "--", "=?utf-8?q?", "?=", "=?", ";", "\"", "<", ">", "(", ")", ":", "=", "%", "*0*=", "'",
        "Content-Type: multipart/mixed; boundary=x\r\n", "Content-Transfer-Encoding: base64\r\n",
        "\r\n--x\r\n", "\r\n--x--\r\n", "message/rfc822", "\0", "\u{FF}",
    ].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            if bytes.isEmpty { bytes = interesting.randomElement(using: &rng)!; continue }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes.removeSubrange(at...)
            case 3: bytes.insert(contentsOf: interesting.randomElement(using: &rng)!, at: at)
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...64, using: &rng))
                bytes.removeSubrange(at..<end)
            case 5:
                let end = min(bytes.count, at + Int.random(in: 1...256, using: &rng))
                let chunk = Array(bytes[at..<end])
                bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &rng))
            case 6:
                // Boundary damage: break or strip a delimiter line.
                if let line = findDelimiter(bytes, from: at) {
                    if Bool.random(using: &rng) {
                        bytes.removeSubrange(line..<min(bytes.count, line + 2))
                    } else {
                        bytes[min(bytes.count - 1, line + 3)] = UInt8(ascii: "#")
                    }
                }
            default:
                // Fold or unfold a header line.
                if let lf = bytes[at...].firstIndex(of: 0x0A) {
                    bytes.insert(contentsOf: Bool.random(using: &rng) ? [0x20] : [0x0D, 0x0A, 0x09], at: lf + 1)
                }
            }
        }
        return bytes
    }

    static func findDelimiter(_ bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 2 < bytes.count {
            if bytes[i] == 0x0A, bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] == UInt8(ascii: "-") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Touches every view of the message; returns a number so nothing is optimised away.
    static func exercise(_ bytes: [UInt8]) -> Int {
        let m = MailMessage(parsing: bytes)
        var sum = m.headers.count + m.from.count + m.to.count + m.cc.count + m.replyTo.count + m.sender.count
        sum += (m.messageID?.count ?? 0) + m.inReplyTo.count + m.references.count
        sum += m.date == nil ? 0 : 1
        sum += m.subject.map { Subject($0).base.count } ?? 0
        sum += m.text?.count ?? 0
        sum += m.html?.count ?? 0
        for attachment in m.attachments { sum += attachment.data.count + attachment.size + (attachment.filename?.count ?? 0) }
        for part in m.root.allParts {
            sum += part.decodedSize + part.encodedSize + (part.charset?.count ?? 0) + part.preamble.count + part.epilogue.count
            if part.isMessage, let inner = part.children.first { sum += MailMessage(root: inner).headers.count }
        }
        return sum
    }

    @Test(arguments: 0..<FuzzTests.shards)
    func damagedMessagesNeverCrash(shard: Int) {
        var rng = SeededGenerator(seed: 0xF022 &+ UInt64(shard))
        let seeds = FuzzTests.seeds
        #expect(!seeds.isEmpty)
        var checksum = 0
        for _ in 0..<(FuzzTests.total / FuzzTests.shards) {
            let seed = seeds.randomElement(using: &rng)!
            let mutated = FuzzTests.mutate(seed, &rng)
            checksum &+= FuzzTests.exercise(mutated)
        }
        #expect(checksum != 0)
    }

    @Test func reportsOnDamagedMessages() {
        // The operator report (which also runs reply extraction) on a smaller sample.
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<500 {
            let mutated = FuzzTests.mutate(FuzzTests.seeds.randomElement(using: &rng)!, &rng)
            let report = MessageReport(parsing: Data(mutated))
            #expect(report.json().hasPrefix("{"))
            #expect(!report.text().isEmpty)
        }
    }

    @Test func pathologicalInputsStayLinear() {
        // Shapes that make naive parsers quadratic or recursive: each must just finish.
        let shapes: [String] = [
            String(repeating: "=?utf-8?q?", count: 20_000),
            "Subject: " + String(repeating: "=?a?q?x", count: 50_000),
            "Subject: =?" + String(repeating: "a", count: 300_000),
            "To: " + String(repeating: "a@b, ", count: 20_000),
            "To: " + String(repeating: "(", count: 50_000),
            "To: " + String(repeating: "\"", count: 50_001),
            "Subject: " + String(repeating: "Re: ", count: 20_000),
            "Content-Type: multipart/mixed; boundary=x\r\n\r\n" + String(repeating: "--x\r\n", count: 20_000),
            "Content-Type: text/plain; " + String(repeating: "a*0*=x; ", count: 5_000) + "\r\n\r\nbody",
            String(repeating: "X: y\r\n", count: 50_000),
        ]
        for shape in shapes {
            #expect(FuzzTests.exercise(Array(shape.utf8)) >= 0)
        }
    }
}
