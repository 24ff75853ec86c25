import Crypto
import Foundation

/// The SHA-256 of a message's raw bytes: the inbound ledger's fallback identity for mail
/// without a Message-ID, and a fingerprint the operator can compare.
public enum RawDigest {
    /// Lowercase hex, 64 characters.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
