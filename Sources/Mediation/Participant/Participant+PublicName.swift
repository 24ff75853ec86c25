extension Participant {
    /// The name other parties see, in the reader's language: consumers appear as
    /// "Consommateur 12" / "Consumer 12" unless they made their name public; every other
    /// role appears under its own name.
    public func publicName(in language: Language) -> String {
        guard role == .consumer, !namePublic, let pseudonym else { return displayName }
        switch language {
        case .fr: return "Consommateur \(pseudonym)"
        case .en: return "Consumer \(pseudonym)"
        }
    }

    /// The display name on a relayed copy: the sender's public name "via" the gateway, since
    /// the copy is sent from the gateway's address (DMARC forbids sending as the participant).
    public func relayDisplayName(gatewayName: String, in language: Language) -> String {
        "\(publicName(in: language)) via \(gatewayName)"
    }
}
