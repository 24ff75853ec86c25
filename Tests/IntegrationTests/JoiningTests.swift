import Foundation
import Gateway
import MIME
import Mediation
import Store
import Testing

/// A consumer joins a case through its public join address on the real Postfix and Dovecot:
/// confirmation, reply, welcome, then posts relayed like everyone else's.
@Suite("Joining on the real mail stack", .enabled(if: LocalStack.isUp))
struct JoiningIntegrationTests {
    @Test func aStrangerJoinsByReplyingToTheConfirmation() async throws {
        let gateway = try await GatewayUnderTest()
        let claire = Party("Claire", domain: "mediator.test", tag: gateway.tag)
        let acme = Party("Juridique", domain: "company.test", tag: gateway.tag)
        let alice = Party("Alice", domain: "consumer.test", tag: gateway.tag)
        let nora = Party("Nora Petit", domain: "consumer.test", tag: gateway.tag)
        let mallory = Party("Mallory", domain: "outsider.test", tag: gateway.tag)
        let setup = try CaseSetup.open(on: gateway, title: "Frais", mediator: claire, company: acme, consumers: [alice])
        try gateway.runCycle()
        try alice.awaitInbox(count: 1)
        let joinAddress = try JoinDesk(context: gateway.context).joinAddress(caseNumber: setup.caseRecord.number)

        // Nora writes to the join address and receives the confirmation, and nobody else anything.
        try nora.write(to: joinAddress, subject: "Je veux participer", text: "Bonjour, moi aussi.")
        try gateway.runCycles(untilRecorded: 1)
        let letter = try #require(try nora.awaitInbox(count: 1).first)
        #expect(letter.to.map(\.address) == [nora.address])
        #expect(letter.text?.contains("La médiation est gratuite pour vous") == true)
        #expect(letter.text?.contains("20 %") == true)
        let confirmAddress = try #require(letter.replyTo.first?.address)

        // Someone else replying to that confirmation address enrolls nobody and hears nothing.
        try mallory.reply(to: letter, text: "Oui")
        try gateway.runCycles(untilRecorded: 1)
        #expect(try gateway.heldReasons() == [.senderMismatch])
        #expect(try mallory.inbox().isEmpty)

        // Nora replies with her claim: she is a consumer and receives the welcome.
        try nora.reply(to: letter, text: "Montant : 120 €\nDescription : frais de résiliation")
        try gateway.runCycles(untilRecorded: 1)
        let welcome = try #require(try nora.awaitInbox(count: 2).last)
        #expect(welcome.text?.contains("Votre réclamation est enregistrée : 120.00 EUR") == true)
        let joined = try #require(try gateway.store.read {
            try $0.participant(caseNumber: setup.caseRecord.number, address: nora.address)
        })
        #expect(joined.role == .consumer)
        #expect(joined.pseudonym == 2)
        #expect(welcome.replyTo.map(\.address) == [gateway.replyAddress(joined, in: setup.room)])
        #expect(welcome.replyTo.first?.address != confirmAddress)

        // Her room post reaches the others.
        try nora.reply(to: welcome, text: "Acme m'a aussi facturé 120 € de frais.")
        try gateway.runCycles(untilRecorded: 1)
        let copy = try #require(try claire.awaitInbox(count: 2).last)
        #expect(copy.text?.contains("Consommateur 2") == true)
        #expect(copy.text?.contains("120 € de frais") == true)
        #expect(try alice.awaitInbox(count: 2).last?.text?.contains("120 € de frais") == true)
        for party in [claire, acme, alice] {
            for raw in try party.inboxRaw() {
                #expect(!String(decoding: raw, as: UTF8.self).lowercased().contains(nora.address.lowercased()))
            }
        }
        #expect(try gateway.heldReasons() == [.senderMismatch])
    }
}
