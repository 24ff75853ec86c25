/// Turns tags into the gateway's personal addresses and back: reply addresses
/// `local+TOKEN@domain`, bounce addresses `local+bounce-TOKEN@domain`.
///
/// Each tag has exactly one form: a bounce token under a reply form (or the reverse) is
/// refused as malformed, so an address read from `To:` can never be taken for a bounce.
public struct ReplyAddressCodec: Sendable {
    public let gateway: GatewayAddress
    public let codec: TagCodec

    public init(gateway: GatewayAddress, codec: TagCodec) {
        self.gateway = gateway
        self.codec = codec
    }

    /// The address that stands for `tag`.
    public func address(for tag: AddressTag) -> String {
        gateway.tagged(tagText(for: tag))
    }

    /// A participant's personal address in one channel.
    public func replyAddress(caseNumber: Int64, channel: Int64, participant: Int64) -> String {
        address(for: .reply(caseNumber: caseNumber, channel: channel, participant: participant))
    }

    /// The envelope sender for one delivery.
    public func bounceAddress(delivery: Int64) -> String {
        address(for: .bounce(delivery: delivery))
    }

    /// The text after `local+` for `tag`.
    public func tagText(for tag: AddressTag) -> String {
        let token = codec.token(for: tag)
        if case .bounce = tag { return GatewayAddress.bouncePrefix + token }
        return token
    }

    /// What a tagged gateway address stands for; nil when `address` is not a tagged variant
    /// of the gateway address at all (someone else's address, or the bare gateway address).
    public func read(_ address: String) -> Result<AddressTag, TagRefusal>? {
        gateway.tagText(in: address).map(read(tagText:))
    }

    /// What the text after `local+` stands for.
    public func read(tagText: String) -> Result<AddressTag, TagRefusal> {
        let isBounceForm = tagText.hasPrefix(GatewayAddress.bouncePrefix)
        let token = isBounceForm ? tagText.dropFirst(GatewayAddress.bouncePrefix.count) : Substring(tagText)
        return codec.decode(token).flatMap { tag in
            var isBounceTag = false
            if case .bounce = tag { isBounceTag = true }
            return isBounceTag == isBounceForm ? .success(tag) : .failure(.malformed)
        }
    }
}
