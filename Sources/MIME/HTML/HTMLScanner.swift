// A forgiving, linear HTML tokenizer over UTF-8 bytes.
//
// Mail HTML is rarely valid (Outlook's Word output, truncated forwards), so the scanner
// never fails: a `<` that does not open a tag is text, an unterminated tag or comment
// runs to the end. Every byte is visited a bounded number of times, so a multi-megabyte
// reply chain costs one pass. Markup names are ASCII; text is handed back as byte ranges.

/// Splits an HTML source into tokens, one call to `next()` at a time.
struct HTMLScanner: IteratorProtocol, Sequence {
    let bytes: [UInt8]
    private var position = 0
    /// Set after a start tag whose content is raw text (`script`, `style`…).
    private var rawTextElement: String?

    /// Elements whose content is not markup: scanned to their end tag and never shown.
    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "xmp", "noscript", "template"]

    init(_ html: String) {
        bytes = Array(html.utf8)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> HTMLToken? {
        guard position < bytes.count else { return nil }
        if let element = rawTextElement {
            rawTextElement = nil
            let start = position
            position = findEndTag(element, from: position) ?? bytes.count
            if position > start { return .rawText(start..<position) }
            guard position < bytes.count else { return nil }
        }
        if bytes[position] == UInt8(ascii: "<"), let token = scanMarkup() {
            return token
        }
        return scanText()
    }

    // MARK: - Text

    private mutating func scanText() -> HTMLToken {
        let start = position
        position += 1  // the first byte is text even when it is a lone `<`
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<"), opensMarkup(at: position) { break }
            position += 1
        }
        return .text(start..<position)
    }

    /// Whether the `<` at `index` starts a tag, end tag, comment or declaration.
    private func opensMarkup(at index: Int) -> Bool {
        guard index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        if Self.isASCIILetter(next) || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") { return true }
        if next == UInt8(ascii: "/"), index + 2 < bytes.count, Self.isASCIILetter(bytes[index + 2]) { return true }
        return false
    }

    // MARK: - Markup

    private mutating func scanMarkup() -> HTMLToken? {
        guard opensMarkup(at: position) else { return nil }
        let start = position
        let next = bytes[position + 1]
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: position) {
                position = (find("-->", from: position + 4).map { $0 + 3 }) ?? bytes.count
            } else {
                position = (find(">", from: position + 2).map { $0 + 1 }) ?? bytes.count
            }
            return .markup(start..<position)
        }
        if next == UInt8(ascii: "?") {
            position = (find(">", from: position + 2).map { $0 + 1 }) ?? bytes.count
            return .markup(start..<position)
        }
        if next == UInt8(ascii: "/") {
            position += 2
            let name = scanName()
            // Anything up to `>` in an end tag is ignored, as browsers do.
            position = (find(">", from: position).map { $0 + 1 }) ?? bytes.count
            return .endTag(name, start..<position)
        }
        position += 1
        let name = scanName()
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while position < bytes.count {
            skipWhitespace()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: ">") {
                    selfClosing = true
                    position += 1
                    break
                }
                continue
            }
            let attributeName = scanAttributeName()
            skipWhitespace()
            var value = ""
            if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                position += 1
                skipWhitespace()
                value = HTMLEntities.decode(scanAttributeValue())
            }
            if !attributeName.isEmpty { attributes.append((attributeName, value)) }
        }
        if Self.rawTextElements.contains(name), !selfClosing { rawTextElement = name }
        return .startTag(HTMLStartTag(name: name, attributes: attributes, selfClosing: selfClosing), start..<position)
    }

    private mutating func scanName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            position += 1
        }
        return Self.lowercasedASCII(bytes[start..<position])
    }

    private mutating func scanAttributeName() -> String {
        let start = position
        // The first byte is always taken so that a stray `=` or quote cannot stall the scan.
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=")
            {
                break
            }
            position += 1
        }
        return Self.lowercasedASCII(bytes[start..<position])
    }

    private mutating func scanAttributeValue() -> String {
        guard position < bytes.count else { return "" }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = position + 1
            let end = find(quote, from: start) ?? bytes.count
            position = Swift.min(end + 1, bytes.count)
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        let start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    // MARK: - Searching

    /// The start of `</name` (any case) at or after `from`, for raw-text elements.
    private func findEndTag(_ name: String, from: Int) -> Int? {
        let nameBytes = Array(name.utf8)
        var index = from
        while let candidate = find(UInt8(ascii: "<"), from: index) {
            let nameStart = candidate + 2
            if nameStart + nameBytes.count <= bytes.count, bytes[candidate + 1] == UInt8(ascii: "/") {
                var same = true
                for offset in 0..<nameBytes.count where Self.lowercased(bytes[nameStart + offset]) != nameBytes[offset] {
                    same = false
                    break
                }
                if same {
                    let after = nameStart + nameBytes.count
                    if after == bytes.count || Self.isWhitespace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                        || bytes[after] == UInt8(ascii: "/")
                    {
                        return candidate
                    }
                }
            }
            index = candidate + 1
        }
        return nil
    }

    private func find(_ byte: UInt8, from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    private func find(_ needle: StaticString, from: Int) -> Int? {
        let first = needle.utf8Start.pointee
        var index = from
        while let candidate = find(first, from: index) {
            if matches(needle, at: candidate) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private func matches(_ needle: StaticString, at index: Int) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = needle.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    // MARK: - ASCII

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    static func lowercasedASCII(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map(lowercased), as: UTF8.self)
    }
}
