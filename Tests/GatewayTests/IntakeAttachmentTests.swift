import Foundation
import MIME
import Mediation
import Store
import Testing
@testable import Gateway

@Suite("Intake: attachments")
struct IntakeAttachmentTests {
    @Test func keptAttachmentsAreRelayedDangerousAndOversizedOnesDroppedAndTheSenderTold() async throws {
        // The fixture caps attachments at 1 MB.
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase()
        let alice = c.consumers[0]
        var mail = InboundMail.to(gateway.replyAddress(alice, in: c.room), from: alice.address,
                                  text: "Voici la facture et le contrat.")
        let invoice = Data("%PDF-1.4 la facture".utf8)
        mail.attachments = [
            OutgoingAttachment(filename: "facture.pdf", contentType: "application/pdf", data: invoice),
            OutgoingAttachment(filename: "contrat.exe", contentType: "application/octet-stream", data: Data("MZ".utf8)),
            OutgoingAttachment(filename: "script.txt", contentType: "application/x-sh", data: Data("rm -rf".utf8)),
            OutgoingAttachment(filename: "photos.zip", contentType: "application/zip",
                               data: Data(repeating: 0x41, count: 1_100_000)),
        ]
        let outcome = try gateway.process(mail)
        let post = try #require(outcome.post)
        let stored = try gateway.store.read { try $0.attachments(postID: post.id!) }
        #expect(stored.filter { !$0.dropped }.map(\.filename) == ["facture.pdf"])
        #expect(Set(stored.filter(\.dropped).map(\.filename)) == ["contrat.exe", "script.txt", "photos.zip"])

        try gateway.dispatch()
        let copy = try #require(gateway.copies(to: c.company.address).last)
        #expect(copy.attachments.map { $0.filename } == ["facture.pdf"])
        #expect(copy.attachments.first?.data == invoice)

        let told = outcome.newDeliveries.filter { (try? gateway.template(of: $0)) == "attachments_dropped" }
        #expect(told.map(\.recipientID) == [alice.id], "the sender alone is told")
        let notice = try #require(gateway.copies(to: alice.address).last)
        let text = try #require(notice.text)
        #expect(text.contains("contrat.exe"))
        #expect(text.contains("photos.zip"))
        #expect(!text.contains("facture.pdf"))
    }
}
