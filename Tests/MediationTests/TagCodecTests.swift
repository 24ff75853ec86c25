import Testing
@testable import Mediation

@Suite("Tag codec")
struct TagCodecTests {
    let codec = TagCodec(secret: "current secret for tests, 32 bytes")
    let sample = AddressTag.reply(caseNumber: 42, channel: 7, participant: 1234)

    @Test("a token decodes to the tag it was made for", arguments: [
        AddressTag.reply(caseNumber: 1, channel: 1, participant: 1),
        .reply(caseNumber: 0, channel: 0, participant: 0),
        .reply(caseNumber: 42, channel: 7, participant: 1234),
        .bounce(delivery: 99_999),
        .join(caseNumber: 3),
        .reply(caseNumber: AddressTag.maximumID, channel: AddressTag.maximumID, participant: AddressTag.maximumID),
    ])
    func roundTrip(tag: AddressTag) {
        #expect(codec.decode(codec.token(for: tag)) == .success(tag))
    }

    @Test("tokens are lowercase base32 and survive being uppercased")
    func caseFolding() {
        let token = codec.token(for: sample)
        #expect(token.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        #expect(codec.decode(token.uppercased()) == .success(sample))
    }

    @Test("a token made with another secret is refused")
    func forgery() {
        let forger = TagCodec(secret: "a guess at the secret")
        #expect(codec.decode(forger.token(for: sample)) == .failure(.badSignature))
    }

    @Test("changing any byte of a token is detected")
    func tamperingEachByte() throws {
        let bytes = try #require(Base32.decode(codec.token(for: sample)))
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var tampered = bytes
                tampered[index] ^= flip
                if case .success = codec.decode(Base32.encode(tampered)) {
                    Issue.record("byte \(index) flipped with \(flip), still accepted")
                }
            }
        }
    }

    @Test("changing any character of a token is detected")
    func tamperingEachCharacter() {
        let token = Array(codec.token(for: sample))
        for index in token.indices {
            var tampered = token
            tampered[index] = token[index] == "a" ? "b" : "a"
            if case .success = codec.decode(String(tampered)) { Issue.record("character \(index) changed, still accepted") }
        }
    }

    @Test("a truncated or extended token is refused")
    func truncation() {
        let token = codec.token(for: sample)
        for length in 0..<token.count {
            if case .success = codec.decode(token.prefix(length)) { Issue.record("prefix of \(length) accepted") }
        }
        if case .success = codec.decode(token + "a") { Issue.record("extended token accepted") }
        #expect(codec.decode("") == .failure(.malformed))
        #expect(codec.decode("not-base32!") == .failure(.malformed))
    }

    @Test("an id cannot be moved: the same ids under another purpose do not verify")
    func purposeIsSigned() throws {
        var bytes = try #require(Base32.decode(codec.token(for: .join(caseNumber: 5))))
        bytes[0] = bytes[0] & 0xF0 | AddressTag.Purpose.bounce.rawValue
        #expect(codec.decode(Base32.encode(bytes)) == .failure(.badSignature))
    }

    @Test("an unknown format version is named as such")
    func unknownVersion() throws {
        var bytes = try #require(Base32.decode(codec.token(for: sample)))
        bytes[0] = 0x20 | (bytes[0] & 0x0F)
        #expect(codec.decode(Base32.encode(bytes)) == .failure(.unknownVersion))
    }

    @Test("after rotation, new tokens use the new secret and old tokens still work")
    func rotation() {
        let old = TagCodec(secret: "the old secret")
        let oldToken = old.token(for: sample)
        let rotated = TagCodec(secret: "the new secret", previousSecrets: ["the old secret"])
        #expect(rotated.decode(oldToken) == .success(sample))
        let newToken = rotated.token(for: sample)
        #expect(newToken != oldToken)
        #expect(TagCodec(secret: "the new secret").decode(newToken) == .success(sample))
        #expect(old.decode(newToken) == .failure(.badSignature))
    }

    @Test("the whole local part stays within 64 characters with the largest ids")
    func localPartBound() throws {
        let gateway = try GatewayAddress("abcdefghijk@mediation.test")
        let addresses = ReplyAddressCodec(gateway: gateway, codec: codec)
        let big = AddressTag.maximumID
        for tag in [AddressTag.reply(caseNumber: big, channel: big, participant: big), .bounce(delivery: big), .join(caseNumber: big)] {
            let address = addresses.address(for: tag)
            let local = try #require(address.split(separator: "@").first)
            #expect(local.count <= 64, "\(address)")
            #expect(addresses.read(address) == .success(tag))
        }
        #expect(throws: GatewayAddress.Problem.self) { try GatewayAddress("abcdefghijkl@mediation.test") }
    }

    @Test("small ids make short addresses")
    func shortForSmallIDs() {
        #expect(codec.token(for: .reply(caseNumber: 1, channel: 2, participant: 3)).count == 23)
    }
}
