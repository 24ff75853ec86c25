import MIME

/// What a bounce says about the failed delivery, read from its `message/delivery-status`
/// part (RFC 3464), or from the first lines of a non-standard bounce.
struct DeliveryStatus {
    /// `Status: 5.1.1` and `Diagnostic-Code: smtp; 550 …`, joined; a short excerpt otherwise.
    let summary: String

    init(_ message: MailMessage) {
        var fields: [String: String] = [:]
        Self.collect(message.root, into: &fields)
        let parts = [fields["status"].map { "status \($0)" }, fields["diagnostic-code"]].compactMap { $0 }
        if !parts.isEmpty {
            summary = parts.joined(separator: ": ")
        } else {
            let text = (message.text ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.prefix(2).joined(separator: " ")
            summary = String(text.prefix(200))
        }
    }

    private static func collect(_ part: MIMEPart, into fields: inout [String: String]) {
        if part.contentType.lowercased() == "message/delivery-status" {
            let text = String(decoding: part.decodedBody, as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if ["status", "diagnostic-code", "action"].contains(name), fields[name] == nil {
                    fields[name] = String(value.prefix(300))
                }
            }
        }
        for child in part.children { collect(child, into: &fields) }
    }
}
