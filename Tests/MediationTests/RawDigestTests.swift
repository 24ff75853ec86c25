import Foundation
import Testing
@testable import Mediation

@Suite("Raw message digests")
struct RawDigestTests {
    @Test func theKnownSHA256VectorsInLowercaseHex() {
        #expect(RawDigest.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(RawDigest.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hexWritesEveryByteAsTwoDigits() {
        #expect(LowercaseHex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(LowercaseHex.encode([UInt8]()) == "")
    }

    /// Each field as its byte length, a colon and its bytes: the post digests in the record
    /// were first written that way, so the same words must keep the same digest.
    @Test func lengthPrefixedFieldsHashTheirLengthsAndBytes() {
        let fields = ["Re: frais", "", "é\n😀", "welcome"]
        let written = fields.map { "\($0.utf8.count):\($0)" }.joined()
        #expect(RawDigest.sha256Hex(lengthPrefixed: fields) == RawDigest.sha256Hex(Data(written.utf8)))
        #expect(RawDigest.sha256Hex(lengthPrefixed: ["ab", "c"]) != RawDigest.sha256Hex(lengthPrefixed: ["a", "bc"]))
    }
}
