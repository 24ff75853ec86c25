import Foundation
import Testing
@testable import Mediation

@Suite("Raw digest")
struct RawDigestTests {
    @Test("the SHA-256 of raw bytes in lowercase hex")
    func knownVector() {
        #expect(RawDigest.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
