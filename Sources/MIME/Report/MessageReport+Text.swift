import Foundation

extension MessageReport {
    /// A human-readable report for the terminal.
    public func text() -> String {
        var out = ""
        func line(_ label: String, _ value: String) {
            out += label.padding(toLength: 13, withPad: " ", startingAt: 0) + value + "\n"
        }
        func list(_ addresses: [MailAddress]) -> String {
            addresses.isEmpty ? "-" : addresses.map(\.description).joined(separator: ", ")
        }
        line("Subject:", subject ?? "-")
        line("From:", list(from))
        line("To:", list(to))
        if !cc.isEmpty { line("Cc:", list(cc)) }
        if !replyTo.isEmpty { line("Reply-To:", list(replyTo)) }
        line("Date:", date.map(MessageReport.iso8601) ?? "- (\(headers.first(named: "Date")?.value ?? "absent"))")
        line("Message-ID:", messageID ?? "-")
        if !inReplyTo.isEmpty { line("In-Reply-To:", inReplyTo.joined(separator: " ")) }
        if !references.isEmpty { line("References:", references.joined(separator: " ")) }

        out += "\nHeaders (\(headers.count)):\n"
        for header in headers {
            out += "  \(header.name): \(header.value)\n"
        }

        out += "\nParts:\n"
        describe(root, depth: 1, into: &out)

        if !attachments.isEmpty {
            out += "\nAttachments:\n"
            for a in attachments {
                out += "  \(a.filename ?? "(no name)")  \(a.contentType)  \(a.size) bytes\(a.isInline ? "  inline" : "")\n"
            }
        }

        out += "\nText to show:\n" + quoted(bodyText ?? "(none)")
        out += "\nReply text\(keptFullText ? " (nothing stripped: full text kept)" : ""):\n" + quoted(replyText)
        if !stripped.isEmpty {
            out += "\nStripped:\n" + quoted(stripped)
        }
        return out
    }

    private func describe(_ part: Part, depth: Int, into out: inout String) {
        var words = [part.contentType]
        if let charset = part.charset { words.append("charset=\(charset)") }
        words.append("[\(part.transferEncoding)]")
        if let disposition = part.disposition { words.append(disposition) }
        if let filename = part.filename { words.append("\"\(filename)\"") }
        if let cid = part.contentID { words.append("<\(cid)>") }
        if part.encodedSize == part.decodedSize {
            words.append("\(part.encodedSize) bytes")
        } else {
            words.append("\(part.encodedSize) bytes encoded, \(part.decodedSize) decoded")
        }
        out += String(repeating: "  ", count: depth) + words.joined(separator: "  ") + "\n"
        for child in part.children { describe(child, depth: depth + 1, into: &out) }
    }

    private func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n") + "\n"
    }
}
