import Foundation
import MIME
import Mediation
import Testing
@testable import Gateway

/// A participant's real address typed into a post (a signature, a pasted header block)
/// reaches nobody but its owner (invariant 4).
@Suite("Relay: addresses typed into a post")
struct RelayAddressMaskTests {
    @Test func aTypedAddressIsHiddenFromEveryoneButItsOwner() async throws {
        let gateway = try await GatewayFixture()
        let c = try gateway.openCase(consumers: 2)
        let alice = c.consumers[0]
        let bruno = c.consumers[1]
        try gateway.dispatch()
        let text = """
            Bonjour, écrivez-moi directement à \(alice.address.uppercased()).
            Bruno m'a donné son adresse, \(bruno.address), et celle de l'entreprise <\(c.company.address)>.
            """
        _ = try gateway.process(.to(gateway.replyAddress(alice, in: c.room), from: alice.address, text: text))
        gateway.sender.reset()
        try gateway.dispatch()

        for reader in [c.mediator, c.company, bruno] {
            let envelope = try #require(gateway.sender.accepted.first { $0.recipient == reader.originalAddress })
            let raw = String(decoding: envelope.message, as: UTF8.self).lowercased()
            for other in c.everyone where other.id != reader.id {
                #expect(!raw.contains(other.address), "\(other.address) reached \(reader.address)")
            }
            let copy = MailMessage(parsing: envelope.message)
            #expect(copy.text?.contains("[adresse masquée]") == true)
        }
        // The company sees its own address where Alice typed it.
        let companyCopy = try #require(gateway.copies(to: c.company.address).first)
        #expect(companyCopy.text?.contains(c.company.address) == true)
    }

    @Test func findingAddressesIsExactAndLinear() {
        let words = AddressMask.candidates(in: "écrire à a.b@x.test, (c@y.test) ou <d@z.test>. pas @ ni e@ ni @f")
        #expect(words == ["a.b@x.test", "c@y.test", "d@z.test"])
        let long = String(repeating: "x@y ", count: 100_000)
        #expect(AddressMask.candidates(in: long).count == 100_000)
    }
}
