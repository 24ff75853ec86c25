import Foundation

extension MessageReport {
    /// One JSON object with stable keys, in a fixed order (so reports diff cleanly):
    /// subject, from, to, cc, reply_to, message_id, in_reply_to, references, date (ISO
    /// 8601 or null), text, html, reply_text, stripped, kept_full_text, attachments
    /// [{filename, content_type, size, inline}], parts (the MIME tree).
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.key("subject"); w.string(subject)
            w.key("from"); w.addresses(from)
            w.key("to"); w.addresses(to)
            w.key("cc"); w.addresses(cc)
            w.key("reply_to"); w.addresses(replyTo)
            w.key("message_id"); w.string(messageID)
            w.key("in_reply_to"); w.strings(inReplyTo)
            w.key("references"); w.strings(references)
            w.key("date"); w.string(date.map(MessageReport.iso8601))
            w.key("text"); w.string(bodyText)
            w.key("html"); w.string(html)
            w.key("reply_text"); w.string(replyText)
            w.key("stripped"); w.string(stripped)
            w.key("kept_full_text"); w.raw(keptFullText ? "true" : "false")
            w.key("attachments")
            w.array(attachments) { a in
                w.object {
                    w.key("filename"); w.string(a.filename)
                    w.key("content_type"); w.string(a.contentType)
                    w.key("size"); w.raw(String(a.size))
                    w.key("inline"); w.raw(a.isInline ? "true" : "false")
                }
            }
            w.key("parts"); w.array([root]) { w.part($0) }
        }
        return w.output + "\n"
    }
}

/// A small pretty-printing JSON writer that keeps keys in the order they are written
/// (JSONEncoder sorts or scrambles them, and golden files need a stable order).
final class JSONWriter {
    var output = ""
    private var indent = 0
    private var needsComma = [false]

    func object(_ body: () -> Void) {
        open("{")
        body()
        close("}")
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        if items.isEmpty { raw("[]"); return }
        open("[")
        for item in items {
            element()
            each(item)
        }
        close("]")
    }

    func key(_ name: String) {
        element()
        output += "\"\(name)\": "
        needsComma[needsComma.count - 1] = true
        pendingValue = true
    }

    private var pendingValue = false

    func raw(_ text: String) {
        if !pendingValue { element() }
        pendingValue = false
        output += text
    }

    func string(_ value: String?) {
        guard let value else { raw("null"); return }
        raw(JSONWriter.quote(value))
    }

    func strings(_ values: [String]) {
        if values.isEmpty { raw("[]"); return }
        raw("[" + values.map(JSONWriter.quote).joined(separator: ", ") + "]")
    }

    func addresses(_ list: [MailAddress]) {
        array(list) { a in
            object {
                key("name"); string(a.name)
                key("address"); string(a.address)
            }
        }
    }

    func part(_ p: MessageReport.Part) {
        object {
            key("content_type"); string(p.contentType)
            key("charset"); string(p.charset)
            key("transfer_encoding"); string(p.transferEncoding)
            key("disposition"); string(p.disposition)
            key("filename"); string(p.filename)
            key("content_id"); string(p.contentID)
            key("encoded_size"); raw(String(p.encodedSize))
            key("decoded_size"); raw(String(p.decodedSize))
            key("parts"); array(p.children) { part($0) }
        }
    }

    /// Starts a value inside an array (comma and newline as needed); after a key the
    /// value follows on the same line.
    private func element() {
        if pendingValue { return }
        if needsComma[needsComma.count - 1] { output += "," }
        if indent > 0 || !output.isEmpty { output += "\n" + String(repeating: "  ", count: indent) }
        needsComma[needsComma.count - 1] = true
    }

    private func open(_ bracket: String) {
        pendingValue = false
        output += bracket
        indent += 1
        needsComma.append(false)
    }

    private func close(_ bracket: String) {
        indent -= 1
        needsComma.removeLast()
        output += "\n" + String(repeating: "  ", count: indent) + bracket
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F || (0x2028...0x2029).contains(c.value):
                out += String(format: "\\u%04x", c.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
