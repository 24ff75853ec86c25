/// One `Authentication-Results` header (RFC 8601): who checked, and each method's result.
///
/// `mx.mediation.test; spf=pass smtp.mailfrom=a@b.example; dkim=fail (bad sig) header.d=b.example`
public struct AuthenticationResults: Sendable, Hashable {
    /// The server that did the checks, lowercased.
    public var authservID: String
    /// Method name → result, both lowercased, e.g. `["spf": "pass", "dkim": "fail"]`. When a
    /// method appears several times (two DKIM signatures), any `pass` wins, since one valid
    /// signature is enough to prove the domain.
    public var results: [String: String]

    public init(authservID: String, results: [String: String]) {
        self.authservID = authservID
        self.results = results
    }

    /// Parses one header value; nil when there is no authserv-id. Comments are removed first.
    public static func parse(_ value: String) -> AuthenticationResults? {
        let clauses = withoutComments(value).split(separator: ";").map { $0.trimmingWhitespace() }
        guard let first = clauses.first,
              let id = first.split(whereSeparator: \.isWhitespace).first, !id.contains("=")
        else { return nil }
        var results: [String: String] = [:]
        for clause in clauses.dropFirst() {
            guard let pair = clause.split(whereSeparator: \.isWhitespace).first,
                  let equals = pair.firstIndex(of: "=")
            else { continue }
            // "dkim/1=pass": the method version is not part of its name.
            let method = pair[..<equals].split(separator: "/").first.map { $0.lowercased() } ?? ""
            let result = pair[pair.index(after: equals)...].lowercased()
            guard !method.isEmpty, !result.isEmpty else { continue }
            if results[method] != "pass" { results[method] = result }
        }
        return AuthenticationResults(authservID: id.lowercased(), results: results)
    }

    /// Drops `(comments)`, nested ones included, and text inside quotes is kept as is.
    static func withoutComments(_ value: String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        for char in value {
            switch char {
            case "\"" where depth == 0: quoted.toggle(); out.append(char)
            case "(" where !quoted: depth += 1
            case ")" where !quoted && depth > 0: depth -= 1
            default: if depth == 0 { out.append(char) }
            }
        }
        return out
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let text = Substring(self)
        guard let start = text.firstIndex(where: { !$0.isWhitespace }),
              let end = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[start...end]
    }
}
