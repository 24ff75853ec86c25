import Testing
@testable import Mediation

/// The codec keys its HMAC once and signs every token from a copy of that state: tokens
/// must be exactly the RFC 2104 HMAC-SHA256 of their payload, however many were signed.
@Suite("Token signing with a key set up once")
struct TagCodecKeyingTests {
    let codec = TagCodec(secret: "current secret for tests, 32 bytes")

    /// Expected values computed independently (HMAC-SHA256, first 10 bytes, base32).
    @Test func tokensAreTheHMACOfTheirPayloadEveryTime() {
        for _ in 0..<3 {
            #expect(codec.token(for: .bounce(delivery: 1)) == "ciaro2ukkcdz45b2pwtq")
            #expect(codec.token(for: .bounce(delivery: 300)) == "ckwae5vb3t63b2u5mcloo")
            #expect(codec.token(for: .reply(caseNumber: 7, channel: 3, participant: 9)) == "cedqgcjwcadwagzvvltjhgq")
        }
    }

    @Test func previousSecretsStillVerifyAfterManyUses() throws {
        let rotated = TagCodec(secret: "current secret for tests, 32 bytes", previousSecrets: ["old secret of the gateway, rotated"])
        for _ in 0..<3 {
            #expect(try rotated.decode("cia2jwmumvvlmajne6xq").get() == .bounce(delivery: 1))
            #expect(try rotated.decode("ciaro2ukkcdz45b2pwtq").get() == .bounce(delivery: 1))
            #expect(rotated.decode("cia2jwmumvvlmajne6xa") == .failure(.badSignature))
        }
    }

    @Test func signingFromManyThreadsGivesTheSameTokens() async {
        let codec = codec
        let tokens = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { codec.token(for: .bounce(delivery: 300)) } }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["ckwae5vb3t63b2u5mcloo"])
    }
}
