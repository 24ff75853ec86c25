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
}
