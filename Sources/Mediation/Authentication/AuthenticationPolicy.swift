/// Whether to believe a message's From, from the checks our own receiving server recorded.
///
/// Only headers from the configured authserv-id count: anyone can write an
/// `Authentication-Results` header, only our server's is added after the message arrived.
/// Of those, the topmost is used, because our server prepends its own and a sender could
/// add more below it under the same name.
public struct AuthenticationPolicy: Sendable, Hashable {
    /// The decision, with the results it was taken on for the operator.
    public enum Verdict: Sendable, Hashable {
        case accept
        case refuse(detail: String)
    }

    /// The authserv-id of our own MTA; nil when none is configured, and then nothing is refused.
    public var trustedAuthservID: String?

    public init(trustedAuthservID: String?) {
        self.trustedAuthservID = trustedAuthservID?.lowercased()
    }

    /// `dmarc=fail` refuses; `spf=fail` refuses unless DKIM passed (forwarders break SPF but
    /// keep DKIM); anything else, including no trusted header at all, accepts.
    public func verdict(headers: HeaderFields) -> Verdict {
        guard let trustedAuthservID,
              let trusted = headers.values(of: "Authentication-Results")
                .lazy.compactMap(AuthenticationResults.parse)
                .first(where: { $0.authservID == trustedAuthservID })
        else { return .accept }
        if trusted.results["dmarc"] == "fail" { return .refuse(detail: "dmarc=fail") }
        if trusted.results["spf"] == "fail", trusted.results["dkim"] != "pass" {
            return .refuse(detail: "spf=fail, dkim=\(trusted.results["dkim"] ?? "none")")
        }
        return .accept
    }
}
