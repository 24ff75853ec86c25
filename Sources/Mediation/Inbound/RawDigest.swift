import Crypto
import Foundation

/// The SHA-256 of a raw message, as the inbound ledger stores it: the key that recognises a
/// message fetched twice when it has no Message-ID. Here so that callers need not import Crypto.
public enum RawDigest {
    /// Lowercase hex, 64 characters.
    public static func sha256Hex(_ raw: some DataProtocol) -> String {
        LowercaseHex.encode(SHA256.hash(data: raw))
    }

    /// The SHA-256 of `fields`, each written as its UTF-8 length, a colon, and its UTF-8
    /// bytes, so that no two lists of fields hash the same bytes. Lowercase hex.
    public static func sha256Hex(lengthPrefixed fields: [String]) -> String {
        var digest = SHA256()
        for var field in fields {
            field.withUTF8 { utf8 in
                digest.update(data: Array("\(utf8.count):".utf8))
                digest.update(bufferPointer: UnsafeRawBufferPointer(utf8))
            }
        }
        return LowercaseHex.encode(digest.finalize())
    }
}
