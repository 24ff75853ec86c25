import Testing
@testable import Mediation

@Suite("Ballot tags")
struct BallotTagTests {
    let codec = TagCodec(secret: "current secret for tests, 32 bytes")

    @Test("a ballot token decodes to its offer, participant and choice", arguments: [
        AddressTag.ballot(offer: 1, participant: 1, choice: .accept),
        .ballot(offer: 3, participant: 12, choice: .decline),
        .ballot(offer: AddressTag.maximumID, participant: AddressTag.maximumID, choice: .accept),
    ])
    func roundTrip(tag: AddressTag) {
        #expect(codec.decode(codec.token(for: tag)) == .success(tag))
    }

    @Test("accept and decline addresses differ, and neither reads as the other")
    func choiceIsSigned() throws {
        let accept = codec.token(for: .ballot(offer: 3, participant: 12, choice: .accept))
        let decline = codec.token(for: .ballot(offer: 3, participant: 12, choice: .decline))
        #expect(accept != decline)
        // Flip the choice byte (the last id, just before the MAC) from accept to decline.
        var bytes = try #require(Base32.decode(accept))
        let choiceIndex = bytes.count - TagCodec.macLength - 1
        #expect(bytes[choiceIndex] == 1)
        bytes[choiceIndex] = 2
        #expect(codec.decode(Base32.encode(bytes)) == .failure(.badSignature))
    }

    @Test("a ballot token cannot be moved to another participant or offer")
    func idsAreSigned() throws {
        let token = codec.token(for: .ballot(offer: 3, participant: 12, choice: .accept))
        var bytes = try #require(Base32.decode(token))
        for index in 1..<(bytes.count - TagCodec.macLength) {
            var tampered = bytes
            tampered[index] ^= 0x01
            if case .success = codec.decode(Base32.encode(tampered)) { Issue.record("byte \(index) changed unnoticed") }
        }
        bytes[0] = bytes[0] & 0xF0 | AddressTag.Purpose.reply.rawValue
        #expect(codec.decode(Base32.encode(bytes)) == .failure(.badSignature), "nor read as a reply address")
    }

    @Test("a choice code other than accept or decline is no ballot")
    func unknownChoiceCode() {
        #expect(AddressTag(purpose: .ballot, ids: [3, 12, 0]) == nil)
        #expect(AddressTag(purpose: .ballot, ids: [3, 12, 3]) == nil)
        #expect(AddressTag(purpose: .ballot, ids: [3, 12, 2]) == .ballot(offer: 3, participant: 12, choice: .decline))
    }

    @Test("a ballot address with the largest ids stays within 64 characters and is no bounce")
    func localPartBound() throws {
        let addresses = ReplyAddressCodec(gateway: try GatewayAddress("abcdefghijk@mediation.test"), codec: codec)
        let big = AddressTag.maximumID
        for choice in [BallotChoice.accept, .decline] {
            let tag = AddressTag.ballot(offer: big, participant: big, choice: choice)
            let address = addresses.address(for: tag)
            let local = try #require(address.split(separator: "@").first)
            #expect(local.count <= 64, "\(address)")
            #expect(addresses.read(address) == .success(tag))
            let text = try #require(addresses.gateway.tagText(in: address))
            #expect(addresses.read(tagText: "bounce-" + text) == .failure(.malformed))
        }
    }

    @Test("a reply token never reads as a ballot, nor a ballot as a reply")
    func purposesStayApart() {
        let reply = AddressTag.reply(caseNumber: 3, channel: 12, participant: 1)
        guard case .success(.reply) = codec.decode(codec.token(for: reply)) else {
            Issue.record("reply not read as reply")
            return
        }
        guard case .success(.ballot) = codec.decode(codec.token(for: .ballot(offer: 3, participant: 12, choice: .accept))) else {
            Issue.record("ballot not read as ballot")
            return
        }
    }
}
