import Foundation

/// One node of a message's MIME tree: its headers, what they say about the body, and
/// its children (the parts of a multipart, or the root of an attached `message/rfc822`).
///
/// The body is not copied: a part keeps a reference to the message bytes and the range
/// of its body, and decodes on demand, so a message with a 24 MB attachment costs the
/// attachment once (in the message) until someone asks for its bytes.
public struct MIMEPart: Sendable {
    /// The part's own header fields, in order.
    public var headers: [MailHeader]
    /// Media type, lowercased: "text/plain", "multipart/mixed"… (text/plain when absent or unreadable).
    public var contentType: String
    /// Content-Type parameters by lowercased name, decoded (RFC 2231 and RFC 2047).
    public var contentTypeParameters: [String: String]
    /// Content-Transfer-Encoding.
    public var transferEncoding: TransferEncoding
    /// "attachment", "inline", or nil when the part has no Content-Disposition.
    public var disposition: String?
    /// Content-Disposition parameters by lowercased name, decoded.
    public var dispositionParameters: [String: String]
    /// Content-ID without angle brackets.
    public var contentID: String?
    /// Sub-parts of a multipart; for `message/rfc822`, the attached message's root part.
    public var children: [MIMEPart]
    /// Bytes before the first boundary of a multipart (usually "This is a multi-part message…").
    public var preamble: Data { slice(preambleRange) }
    /// Bytes after the closing boundary of a multipart.
    public var epilogue: Data { slice(epilogueRange) }

    let source: Data
    /// Offsets into `source` (relative to its first byte).
    let bodyRange: Range<Int>
    var preambleRange: Range<Int> = 0..<0
    var epilogueRange: Range<Int> = 0..<0

    /// The primary type ("text" for "text/plain").
    public var mediaType: Substring { contentType.split(separator: "/", maxSplits: 1).first ?? "" }

    public var isMultipart: Bool { contentType.hasPrefix("multipart/") }

    /// An attached message (`message/rfc822`, or `message/global` for UTF-8 headers).
    public var isMessage: Bool { contentType == "message/rfc822" || contentType == "message/global" }

    /// The charset parameter, lowercased, if given.
    public var charset: String? { contentTypeParameters["charset"].map { Charset.normalizedLabel($0) } }

    /// The file name from Content-Disposition, else the obsolete `name` of Content-Type.
    public var filename: String? {
        let name = dispositionParameters["filename"] ?? contentTypeParameters["name"]
        guard let name else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The decoded value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? { headers.first(named: name)?.value }

    /// Size of the body as it travels (transfer-encoded).
    public var encodedSize: Int { bodyRange.count }

    /// Size of the body once the transfer encoding is removed, computed without
    /// materialising it for base64.
    public var decodedSize: Int {
        switch transferEncoding {
        case .base64:
            return source.withUnsafeBytes { Base64Decoder.decodedCount(UnsafeRawBufferPointer(rebasing: $0[bodyRange])) }
        case .quotedPrintable:
            return decodedBody.count
        default:
            return bodyRange.count
        }
    }

    /// The body with the transfer encoding removed, decoded now (not cached).
    public var decodedBody: Data {
        source.withUnsafeBytes { buffer in
            let body = UnsafeRawBufferPointer(rebasing: buffer[bodyRange])
            switch transferEncoding {
            case .base64: return Base64Decoder.decode(body)
            case .quotedPrintable: return QuotedPrintableDecoder.decode(body)
            default: return Data(body)
            }
        }
    }

    /// The body as sent, transfer encoding included.
    public var encodedBody: Data { slice(bodyRange) }

    /// For text parts, the body decoded to a String with its charset, line ends
    /// normalised to LF and format=flowed lines rejoined. Nil for other types.
    public var text: String? {
        guard mediaType == "text" || contentType == "message/delivery-status" || contentType == "message/disposition-notification" else { return nil }
        let bytes = decodedBody
        var label = charset
        if label == nil, contentType == "text/html" { label = HTMLCharsetSniffer.sniff(bytes) }
        var text = Charset.decode(bytes, label: label)
        text = text.withLFLineEnds
        if contentType == "text/plain", contentTypeParameters["format"]?.lowercased() == "flowed" {
            text = FlowedText.unflow(text, deleteSpace: contentTypeParameters["delsp"]?.lowercased() == "yes")
        }
        return text
    }

    /// Every part in the tree, depth first, this one included.
    public var allParts: [MIMEPart] {
        var result = [self]
        for child in children { result += child.allParts }
        return result
    }

    func slice(_ range: Range<Int>) -> Data {
        if range.isEmpty { return Data() }
        return source.withUnsafeBytes { Data(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
