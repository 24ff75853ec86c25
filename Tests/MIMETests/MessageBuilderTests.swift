import Foundation
import Testing
@testable import MIME

@Suite struct MessageBuilderTests {
    func sample() -> MessageBuilder {
        var b = MessageBuilder()
        b.from = MailAddress(name: "Médiateur Truce", address: "truce+room@truce.example")
        b.to = [MailAddress(name: "Zoë Dupré", address: "zoe@exemple.fr")]
        b.subject = "Réunion de médiation — dossier n°12"
        b.date = Date(timeIntervalSince1970: 1_795_876_472)
        b.messageID = "abc.123@truce.example"
        b.inReplyTo = ["p1@exemple.fr"]
        b.references = ["p0@exemple.fr", "p1@exemple.fr"]
        b.addHeader("Auto-Submitted", "auto-generated")
        b.text = "Bonjour,\n\nLa salle est ouverte.\n"
        return b
    }

    @Test func writesCRLFFoldedSevenBitHeaders() throws {
        let data = try sample().build()
        let text = String(decoding: data, as: UTF8.self)
        let headerBlock = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in headerBlock.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)")
        }
        #expect(headerBlock.contains("Subject: R=?utf-8?q?") == false)
        #expect(headerBlock.contains("Message-ID: <abc.123@truce.example>"))
        #expect(headerBlock.contains("Auto-Submitted: auto-generated"))
        #expect(headerBlock.contains("MIME-Version: 1.0"))
    }

    @Test func encodesOnlyTheWordsThatNeedIt() {
        #expect(HeaderEncoder.unstructured("Offre acceptée par Zoë") == ["Offre", "=?utf-8?q?accept=C3=A9e?=", "par", "=?utf-8?q?Zo=C3=AB?="])
        #expect(HeaderEncoder.unstructured("plain ascii") == ["plain", "ascii"])
        #expect(HeaderEncoder.phrase("John Doe") == ["John", "Doe"])
        #expect(HeaderEncoder.phrase("Doe, John") == ["\"Doe,", "John\""])
    }

    @Test func readsBackWhatItWrites() throws {
        let m = MailMessage(parsing: try sample().build())
        #expect(m.from == [MailAddress(name: "Médiateur Truce", address: "truce+room@truce.example")])
        #expect(m.to == [MailAddress(name: "Zoë Dupré", address: "zoe@exemple.fr")])
        #expect(m.subject == "Réunion de médiation — dossier n°12")
        #expect(m.messageID == "abc.123@truce.example")
        #expect(m.inReplyTo == ["p1@exemple.fr"])
        #expect(m.references == ["p0@exemple.fr", "p1@exemple.fr"])
        #expect(m.date == Date(timeIntervalSince1970: 1_795_876_472))
        #expect(m.header("Auto-Submitted") == "auto-generated")
        #expect(m.text == "Bonjour,\n\nLa salle est ouverte.\n")
    }

    @Test func buildsAlternativeAndMixed() throws {
        var b = sample()
        b.html = "<p>Bonjour</p>"
        b.attachments = [OutgoingAttachment(filename: "protocole d'accord — Zoë.pdf", contentType: "application/pdf", data: Data(repeating: 0xAB, count: 1000))]
        let m = MailMessage(parsing: try b.build())
        #expect(m.root.contentType == "multipart/mixed")
        #expect(m.root.children.first?.contentType == "multipart/alternative")
        #expect(m.html == "<p>Bonjour</p>")
        #expect(m.attachments.count == 1)
        #expect(m.attachments[0].filename == "protocole d'accord — Zoë.pdf")
        #expect(m.attachments[0].data == Data(repeating: 0xAB, count: 1000))
    }

    @Test func newMessageIDsAreUniqueAndOnTheDomain() {
        let ids = (0..<1000).map { _ in MessageBuilder.newMessageID(domain: "truce.example") }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.hasSuffix("@truce.example") && !$0.contains(" ") })
    }

    @Test(arguments: ["\r", "\n", "\r\n", "\0", "\r\nBcc: victim@x.com"])
    func rejectsHeaderInjection(_ evil: String) {
        func rejects(_ edit: (inout MessageBuilder) -> Void) -> Bool {
            var b = sample()
            edit(&b)
            do {
                _ = try b.build()
                return false
            } catch {
                return error.code == .forbiddenCharacter
            }
        }
        #expect(rejects { $0.subject = "Hello\(evil)" })
        #expect(rejects { $0.from = MailAddress(name: "Eve\(evil)", address: "eve@x.com") })
        #expect(rejects { $0.to = [MailAddress(name: "Bob", address: "bob@x.com\(evil)")] })
        #expect(rejects { $0.cc = [MailAddress(name: "\(evil)Carol", address: "c@x.com")] })
        #expect(rejects { $0.replyTo = [MailAddress(name: "R", address: "r@x\(evil).com")] })
        #expect(rejects { $0.messageID = "id\(evil)@x" })
        #expect(rejects { $0.inReplyTo = ["a@b\(evil)"] })
        #expect(rejects { $0.references = ["ok@x", "a@b\(evil)"] })
        #expect(rejects { $0.addHeader("X-Truce-Loop", "v\(evil)") })
        #expect(rejects { $0.addHeader("X-Evil\(evil)", "v") })
        #expect(rejects { $0.attachments = [OutgoingAttachment(filename: "a\(evil).pdf", data: Data())] })
    }

    @Test func rejectsMalformedNamesAndValues() {
        func code(_ edit: (inout MessageBuilder) -> Void) -> MessageBuildError.Code? {
            var b = sample()
            edit(&b)
            do { _ = try b.build(); return nil } catch { return error.code }
        }
        #expect(code { $0.addHeader("Bad Name", "x") } == .invalidHeaderName)
        #expect(code { $0.addHeader("X:Y", "x") } == .invalidHeaderName)
        #expect(code { $0.addHeader("content-type", "text/html") } == .invalidHeaderName)
        #expect(code { $0.to = [MailAddress(address: "no at sign")] } == .invalidValue)
        #expect(code { $0.to = [MailAddress(address: "a@b>, c@d")] } == .invalidValue)
        #expect(code { $0.messageID = "<x@y>" } == .invalidValue)
        #expect(code { $0.attachments = [OutgoingAttachment(filename: "x", contentType: "text", data: Data())] } == .invalidValue)
        #expect(code { $0.from = nil } == .missingFrom)
    }

    @Test func foldsLongValuesWithoutBreakingEncodedWords() throws {
        var b = sample()
        b.subject = String(repeating: "Très long sujet avec des accents éèà ", count: 8)
        b.to = (0..<20).map { MailAddress(name: "Participant \($0) Ünïcode", address: "p\($0)@exemple.fr") }
        b.addHeader("List-Unsubscribe", "<mailto:truce+unsubscribe@truce.example>, <https://truce.example/unsubscribe/abcdefghijklmnopqrstuvwxyz0123456789>")
        let data = try b.build()
        let text = String(decoding: data, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
            // An encoded word is whole on its line: each one that starts also ends there.
            let starts = line.components(separatedBy: "=?utf-8?").count - 1
            let whole = line.matches(of: /=\?utf-8\?[bq]\?[^ ?]*\?=/).count
            #expect(starts == whole, "\(line)")
        }
        let m = MailMessage(parsing: data)
        #expect(m.subject?.trimmingCharacters(in: .whitespaces) == b.subject!.trimmingCharacters(in: .whitespaces))
        #expect(m.to == b.to)
        #expect(m.header("List-Unsubscribe") == "<mailto:truce+unsubscribe@truce.example>, <https://truce.example/unsubscribe/abcdefghijklmnopqrstuvwxyz0123456789>")
    }
}
