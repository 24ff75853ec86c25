import Crypto
import Foundation

/// The SHA-256 of a raw message, as the inbound ledger stores it: the key that recognises a
/// message fetched twice when it has no Message-ID. Here so that callers need not import Crypto.
public enum RawDigest {
    /// Lowercase hex, 64 characters.
    public static func sha256Hex(_ raw: some DataProtocol) -> String {
        LowercaseHex.encode(SHA256.hash(data: raw))
    }
}
