import Crypto

/// Signs and reads tokens: `header | varint ids | HMAC-SHA256 truncated to 80 bits`,
/// in lowercase base32.
///
/// The header byte holds the format version (high nibble) and the purpose (low nibble).
/// The MAC covers the header and the ids, so neither the purpose nor any id can be changed
/// or moved to another token (invariant 5). 80 bits follows Gitea; Alaveteli's 32 bits were
/// too few. Secret rotation: tokens are signed with `secret` and accepted under it or any
/// of `previousSecrets`, so addresses already in parties' inboxes keep working.
public struct TagCodec: Sendable {
    static let version: UInt8 = 1
    static let macLength = 10
    /// Seven varint bytes hold 49 bits, enough for `AddressTag.maximumID`.
    static let maxIDBytes = 7

    // Each secret as an HMAC state with the key already absorbed: a copy of it per token
    // costs two hash blocks less than keying anew, and every delivery of a post signs a
    // token. (Two references, as the two byte arrays kept before were: the same layout.)
    private let signing: KeyedHMAC
    private let accepted: [KeyedHMAC]

    /// - Parameters:
    ///   - secret: the signing secret; at least 16 bytes of randomness.
    ///   - previousSecrets: secrets still accepted while old addresses are in use.
    public init(secret: [UInt8], previousSecrets: [[UInt8]] = []) {
        signing = KeyedHMAC(secret: secret)
        accepted = [signing] + previousSecrets.map(KeyedHMAC.init(secret:))
    }

    /// Secrets as configuration text (their UTF-8 bytes).
    public init(secret: String, previousSecrets: [String] = []) {
        self.init(secret: Array(secret.utf8), previousSecrets: previousSecrets.map { Array($0.utf8) })
    }

    /// The token for `tag`. Ids must lie in `0...AddressTag.maximumID`; row ids always do,
    /// so anything else is a programming error.
    public func token(for tag: AddressTag) -> String {
        var bytes: [UInt8] = [Self.version << 4 | tag.purpose.rawValue]
        for id in tag.ids {
            precondition((0...AddressTag.maximumID).contains(id), "token id out of range: \(id)")
            Varint.append(UInt64(id), to: &bytes)
        }
        bytes += mac(bytes, keyed: signing.state)
        return Base32.encode(bytes)
    }

    /// The tag a token stands for, or why it is refused. Reads tokens in any letter case.
    public func decode(_ token: some StringProtocol) -> Result<AddressTag, TagRefusal> {
        guard let bytes = Base32.decode(token), bytes.count > Self.macLength + 1 else {
            return .failure(.malformed)
        }
        guard bytes[0] >> 4 == Self.version else { return .failure(.unknownVersion) }
        let payload = Array(bytes[..<(bytes.count - Self.macLength)])
        let presented = bytes[(bytes.count - Self.macLength)...]
        guard accepted.contains(where: { Self.constantTimeEqual(mac(payload, keyed: $0.state), presented) }) else {
            return .failure(.badSignature)
        }
        guard let purpose = AddressTag.Purpose(rawValue: payload[0] & 0x0F) else { return .failure(.malformed) }
        var index = 1
        var ids: [Int64] = []
        for _ in 0..<purpose.idCount {
            guard let id = Varint.read(payload, at: &index, maxBytes: Self.maxIDBytes),
                  id <= UInt64(AddressTag.maximumID)
            else { return .failure(.malformed) }
            ids.append(Int64(id))
        }
        guard index == payload.count, let tag = AddressTag(purpose: purpose, ids: ids) else {
            return .failure(.malformed)
        }
        return .success(tag)
    }

    private func mac(_ payload: [UInt8], keyed state: HMAC<SHA256>) -> [UInt8] {
        var authenticator = state  // a copy: the hash state underneath is copied on write
        authenticator.update(data: payload)
        return Array(authenticator.finalize().prefix(Self.macLength))
    }

    /// Compares without an early exit, so timing does not reveal how many bytes matched.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: ArraySlice<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}

/// An HMAC state keyed once. On Linux the key and HMAC types are not declared Sendable;
/// this one is never mutated after init, and every use works on its own copy (the hash
/// state underneath is copied on write), so sharing it between threads is safe.
final class KeyedHMAC: @unchecked Sendable {
    let state: HMAC<SHA256>

    init(secret: [UInt8]) {
        state = HMAC<SHA256>(key: SymmetricKey(data: secret))
    }
}
