import Foundation
import Testing
@testable import MailTransport

/// Internationalized domains in envelope addresses go out as A-labels.
@Suite("Punycode for envelope domains")
struct PunycodeTests {
    /// Vectors checked against another implementation (Python's `punycode` codec).
    @Test(arguments: [
        ("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("société", "socit-esab"), ("españa", "espaa-rta"),
        ("ñandú", "and-6ma2c"), ("例え", "r8jz45g"), ("café-crème", "caf-crme-60ag"), ("straße", "strae-oqa"),
    ])
    func labels(label: String, encoded: String) {
        #expect(Punycode.encode(label[...]) == encoded)
    }

    @Test(arguments: [
        ("nora@Bücher.example", "nora@xn--bcher-kva.example"),
        ("a@SOCIÉTÉ.fr", "a@xn--socit-esab.fr"),
        // Composed and decomposed é are the same domain.
        ("a@socie\u{301}te\u{301}.fr", "a@xn--socit-esab.fr"),
        ("a@bücher.例え", "a@xn--bcher-kva.xn--r8jz45g"),
        // ASCII domains, local parts and addresses without a domain are left alone.
        ("Jean@Example.FR", "Jean@Example.FR"), ("zoé@exemple.fr", "zoé@exemple.fr"), ("postmaster", "postmaster"),
        ("", ""),
    ])
    func domains(address: String, ascii: String) {
        #expect(Punycode.asciiDomain(of: address) == ascii)
    }

    /// Both ways of sending (our pipeline, and libcurl's transfers when the server does not
    /// pipeline) write the A-labels into RCPT TO.
    @Test(arguments: [true, false])
    func theServerSeesTheALabels(pipelining: Bool) throws {
        let server = try ScriptedSMTPServer(offersPipelining: pipelining)
        let sender = try SMTPSender(.init(url: server.url, requireTLS: false, connections: 1))
        let message = Data("From: truce@mediation.test\r\nSubject: x\r\n\r\nBonjour\r\n".utf8)
        let outcomes = sender.send([
            Envelope(sender: "truce+b@mediation.test", recipient: "nora@bücher.example", message: message),
            Envelope(sender: "truce+b@mediation.test", recipient: "jean@example.fr", message: message),
        ])
        #expect(outcomes.allSatisfy { $0.isAccepted }, "\(outcomes.compactMap(\.refusal))")
        #expect(sender.pipelining == pipelining)
        #expect(server.recipients == ["<nora@xn--bcher-kva.example>", "<jean@example.fr>"])
    }
}
