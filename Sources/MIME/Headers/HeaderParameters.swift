import Foundation

/// A structured header value with parameters: Content-Type and Content-Disposition.
///
/// Parameters follow RFC 2045 and RFC 2231 (`name*=charset'lang'%XX`, continuations
/// `name*0*=`, `name*1=`, joined as bytes before charset decoding), plus what Outlook and
/// old webmails send instead: RFC 2047 encoded words inside quoted values and raw 8-bit
/// UTF-8 or Latin-1 in quoted filenames.
public struct HeaderParameters: Sendable, Hashable {
    /// The value before the first `;`, lowercased and trimmed (e.g. "text/plain", "attachment").
    public var value: String
    /// Parameters by lowercased name, decoded.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public subscript(_ name: String) -> String? { parameters[name.asciiLowercased] }

    /// Parses a raw (unfolded, not yet decoded) header value.
    public init(parsing raw: String) {
        let pieces = HeaderParameters.splitOutsideQuotes(raw)
        value = (pieces.first ?? "").trimmingBlanks().asciiLowercased
        value.removeAll { $0 == " " || $0 == "\t" || $0 == "\"" }
        var plain: [String: String] = [:]
        // name -> [(section, encoded, text)]
        var sections: [String: [(Int, Bool, String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<eq].trimmingBlanks().asciiLowercased
            var text = piece[piece.index(after: eq)...].trimmingBlanks()
            let wasQuoted = text.hasPrefix("\"")
            if wasQuoted { text = HeaderParameters.unquote(text) }
            guard !name.isEmpty else { continue }
            if name.contains("*") {
                let encoded = name.hasSuffix("*")
                if encoded { name.removeLast() }
                var section = 0
                if let star = name.firstIndex(of: "*") {
                    section = Int(name[name.index(after: star)...]) ?? 0
                    name = String(name[..<star])
                }
                sections[name, default: []].append((section, encoded, text))
            } else if plain[name] == nil {
                plain[name] = wasQuoted || text.contains("=?") ? EncodedWord.decode(text) : text
            }
        }
        for (name, parts) in sections {
            plain[name] = HeaderParameters.joinRFC2231(parts.sorted { $0.0 < $1.0 })
        }
        parameters = plain
    }

    /// Joins RFC 2231 sections: percent-decoded bytes of the encoded ones and the raw
    /// bytes of plain ones, decoded once with the charset named in the first section.
    static func joinRFC2231(_ parts: [(Int, Bool, String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            var text = Substring(part.2)
            if part.1 {
                if index == 0 {
                    // charset'language'value
                    let quotes = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if quotes.count == 3 {
                        charset = String(quotes[0])
                        text = quotes[2]
                    }
                }
                bytes += percentDecode(text)
            } else {
                bytes += Array(text.utf8)
            }
        }
        // No encoded-word decoding here: RFC 2231 values are already explicit about their
        // charset, and "=?" in them is literal text.
        return bytes.withUnsafeBytes { Charset.decode($0, label: charset?.isEmpty == false ? charset : "utf-8") }
    }

    static func percentDecode(_ s: Substring) -> [UInt8] {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count,
               let hi = QuotedPrintableDecoder.hexValue(u[i + 1]), let lo = QuotedPrintableDecoder.hexValue(u[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s.dropFirst() {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { break }
            out.append(c)
        }
        return out
    }

    /// Splits on `;` outside double quotes. A missing `;` between parameters
    /// (`text/plain charset=utf-8`) is common enough to repair.
    static func splitOutsideQuotes(_ s: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuote = false
        var escaped = false
        for c in s {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\", inQuote { escaped = true; current.append(c); continue }
            if c == "\"" { inQuote.toggle() }
            if c == ";", !inQuote {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        pieces.append(current)
        // "text/plain charset=utf-8": split the first piece at its first blank before "=".
        if let first = pieces.first, first.contains("="), let space = first.firstIndex(where: { $0 == " " || $0 == "\t" }),
           !first[..<space].contains("=") {
            pieces[0] = String(first[..<space])
            pieces.insert(String(first[first.index(after: space)...]), at: 1)
        }
        return [pieces[0]] + pieces.dropFirst().filter { !$0.trimmingBlanks().isEmpty }
    }
}
