import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

/// The lawyer's corrected version: a text file attached, or the text in the reply; never a
/// file that cannot be cut into one copy per consumer.
@Suite("The settlement agreement: corrections from the lawyer")
struct ProtocoleCorrectionTests {
    static let pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

    static func corrected(_ gateway: LifecycleHarness) throws -> String {
        let draft = try #require(try ProtocoleTests.protocole(gateway)).text
        return draft.replacingOccurrences(of: "5. EFFETS", with: "5. RENONCIATION\nClause ajoutée par l'avocat.\n\n6. EFFETS")
    }

    static func kinds(_ gateway: LifecycleHarness) throws -> [String] {
        try gateway.store.read { try $0.auditEvents(caseNumber: gateway.caseRecord.number) }.lifecycle.map(\.kind)
    }

    @Test func aPDFAloneIsRefusedWithTheReasonInTheLawyersLanguageAndTheDraftStays() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase()
        let roux = try #require(lawyer)
        try gateway.dispatch()
        let draft = try #require(try ProtocoleTests.protocole(gateway))
        try ProtocoleTests.receive(gateway, from: roux.originalAddress, to: try gateway.roomAddress(roux),
                                   text: "Ci-joint ma version signée.", attachment: ("protocole-corrige.pdf", "application/pdf", Self.pdf))
        let answer = try #require(try gateway.dispatch().to(roux.originalAddress).first?.text)
        #expect(answer.contains("« protocole-corrige.pdf » ne peut pas remplacer le projet"))
        #expect(answer.contains("il faut une version en texte"))
        #expect(answer.contains("Chaque consommateur ne reçoit que sa propre ligne de l'annexe"))
        #expect(answer.contains("Le projet n'a pas changé."))
        let after = try #require(try ProtocoleTests.protocole(gateway))
        #expect(after.text == draft.text)
        #expect(after.state == .draft)
        #expect(after.correctedFilename == nil)
        #expect(!(try Self.kinds(gateway)).contains("protocole.corrected"))
    }

    @Test func anEnglishLawyerIsToldInEnglishAndReceivesAnEnglishFileName() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase(language: .en)
        let roux = try #require(lawyer)
        let review = try #require(try gateway.dispatch().to(roux.originalAddress)
            .first { $0.subject?.contains("Settlement agreement to review") == true })
        #expect(review.attachments.first?.filename == "settlement-agreement-\(gateway.caseRecord.number).txt")
        #expect(review.text?.contains("is attached: settlement-agreement-\(gateway.caseRecord.number).txt") == true)
        #expect(review.text?.contains("A PDF or Word file cannot be used") == true)
        try ProtocoleTests.receive(gateway, from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "See attached.",
                                   attachment: ("agreement.docx",
                                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"))
        let answer = try #require(try gateway.dispatch().to(roux.originalAddress).first?.text)
        #expect(answer.contains("\"agreement.docx\" cannot replace the draft: a text version is needed"))
        #expect(answer.contains("Each consumer receives only their own line of the annex"))
        #expect(try ProtocoleTests.protocole(gateway)?.correctedFilename == nil)
    }

    @Test func aTextFileBesideAPDFIsTheOneTaken() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase()
        let roux = try #require(lawyer)
        try gateway.dispatch()
        let corrected = try Self.corrected(gateway)
        var builder = MessageBuilder()
        builder.from = MailAddress(name: nil, address: roux.originalAddress)
        builder.to = [MailAddress(name: nil, address: try gateway.roomAddress(roux))]
        builder.subject = "Re: protocole"
        builder.messageID = MessageBuilder.newMessageID(domain: "avocats.test")
        builder.text = "Les deux versions.\n"
        builder.attachments = [
            OutgoingAttachment(filename: "signe.pdf", contentType: "application/pdf", data: Data(Self.pdf.utf8)),
            OutgoingAttachment(filename: "protocole.md", contentType: "text/markdown", data: Data(corrected.utf8), charset: "utf-8"),
        ]
        let raw = try builder.build()
        _ = try gateway.store.recordInbound(raw: raw, uidValidity: nil, uid: nil, messageID: builder.messageID,
                                            sha256: RawDigest.sha256Hex(raw), receivedAt: gateway.clock.now)
        _ = try Intake(context: gateway.context).run()
        let record = try #require(try ProtocoleTests.protocole(gateway))
        #expect(record.text == corrected)
        #expect(record.correctedFilename == "protocole.md")
        #expect(try gateway.dispatch().to(roux.originalAddress).contains { $0.subject?.contains("(version corrigée)") == true })
    }

    @Test func aTxtSentAsBytesIsTakenByItsName() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase()
        let roux = try #require(lawyer)
        try gateway.dispatch()
        let corrected = try Self.corrected(gateway)
        try ProtocoleTests.receive(gateway, from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "",
                                   attachment: ("Protocole v2.TXT", "application/octet-stream", corrected))
        #expect(try ProtocoleTests.protocole(gateway)?.text == corrected)
    }

    @Test func theCorrectedTextPastedInTheReplyStillReplacesTheDraft() async throws {
        let (gateway, lawyer) = try await ProtocoleTests.settledCase()
        let roux = try #require(lawyer)
        let review = try #require(try gateway.dispatch().to(roux.originalAddress).first)
        let corrected = try Self.corrected(gateway)
        try gateway.receive(from: roux.originalAddress, to: try gateway.roomAddress(roux), text: corrected,
                            inReplyTo: review.messageID)
        let record = try #require(try ProtocoleTests.protocole(gateway))
        #expect(record.text.contains("Clause ajoutée par l'avocat."))
        #expect(record.state == .draft)
        #expect(try Self.kinds(gateway).last == "protocole.corrected")
        let resent = try #require(try gateway.dispatch().to(roux.originalAddress).first { $0.subject?.contains("(version corrigée)") == true })
        #expect(ProtocoleTests.agreement(resent)?.contains("Clause ajoutée par l'avocat.") == true)

        // A plain reply without the annex line is no correction: it is an ordinary late message.
        try gateway.receive(from: roux.originalAddress, to: try gateway.roomAddress(roux), text: "Merci, je relis demain.")
        #expect(try ProtocoleTests.protocole(gateway)?.text == record.text)
    }
}
