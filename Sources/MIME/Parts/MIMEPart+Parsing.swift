import Foundation

extension MIMEPart {
    /// Deeper nesting than this is read as opaque bodies: real mail never gets close,
    /// and it keeps hostile input from exhausting the stack.
    static let maximumDepth = 40

    /// Parses the part occupying `range` of `source`. Never fails.
    static func parse(source: Data, range: Range<Int>, defaultType: String = "text/plain", depth: Int = 0) -> MIMEPart {
        source.withUnsafeBytes { buffer in
            parse(source: source, buffer: buffer, range: range, defaultType: defaultType, depth: depth)
        }
    }

    static func parse(source: Data, buffer: UnsafeRawBufferPointer, range: Range<Int>, defaultType: String, depth: Int) -> MIMEPart {
        let section = HeaderSection.parse(buffer, range: range)
        let headers = section.headers
        let bodyRange = min(section.bodyStart, range.upperBound)..<range.upperBound

        var contentType = defaultType
        var typeParameters: [String: String] = [:]
        if let raw = headers.first(named: "Content-Type")?.rawValue {
            let parsed = HeaderParameters(parsing: raw)
            let pieces = parsed.value.split(separator: "/")
            if pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty {
                contentType = parsed.value
            } else if parsed.value == "text" {
                // "Content-Type: text" from very old mailers.
                contentType = "text/plain"
            }
            typeParameters = parsed.parameters
        }
        var disposition: String?
        var dispositionParameters: [String: String] = [:]
        if let raw = headers.first(named: "Content-Disposition")?.rawValue {
            let parsed = HeaderParameters(parsing: raw)
            disposition = parsed.value.isEmpty ? nil : parsed.value
            dispositionParameters = parsed.parameters
        }
        let contentID = headers.first(named: "Content-ID").flatMap { MessageIDList.parse($0.rawValue).first }
        let encoding = TransferEncoding(headers.first(named: "Content-Transfer-Encoding")?.rawValue)

        var part = MIMEPart(
            headers: headers, contentType: contentType, contentTypeParameters: typeParameters,
            transferEncoding: encoding, disposition: disposition, dispositionParameters: dispositionParameters,
            contentID: contentID, children: [], source: source, bodyRange: bodyRange)

        guard depth < maximumDepth else { return part }
        if contentType.hasPrefix("multipart/") {
            guard let boundary = typeParameters["boundary"], !boundary.isEmpty else { return part }
            let childDefault = contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
            let split = MultipartSplitter.split(buffer, range: bodyRange, boundary: boundary)
            part.preambleRange = split.preamble
            part.epilogueRange = split.epilogue
            part.children = split.parts.map {
                parse(source: source, buffer: buffer, range: $0, defaultType: childDefault, depth: depth + 1)
            }
        } else if part.isMessage {
            switch encoding {
            case .base64, .quotedPrintable:
                // Rare but seen: an attached message that was itself transfer-encoded.
                let inner = part.decodedBody
                part.children = [parse(source: inner, range: 0..<inner.count, depth: depth + 1)]
            default:
                part.children = [parse(source: source, buffer: buffer, range: bodyRange, defaultType: "text/plain", depth: depth + 1)]
            }
        }
        return part
    }
}

/// Finds the boundary lines of a multipart body (RFC 2046 §5.1.1).
///
/// Lenient where mailers are sloppy: trailing blanks after a boundary, LF-only line
/// ends, and a missing closing boundary (the last part then runs to the end).
enum MultipartSplitter {
    struct Split {
        var preamble: Range<Int>
        var parts: [Range<Int>]
        var epilogue: Range<Int>
    }

    static func split(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, boundary: String) -> Split {
        let delimiter = Array("--".utf8) + Array(boundary.utf8)
        var parts: [Range<Int>] = []
        var preamble = range.lowerBound..<range.lowerBound
        var epilogue = range.upperBound..<range.upperBound
        var partStart: Int?
        guard let base = buffer.baseAddress, !range.isEmpty else {
            return Split(preamble: preamble, parts: [], epilogue: epilogue)
        }
        delimiter.withUnsafeBytes { needle in
            // Delimiters start a line: visit line starts (found with memchr, which is
            // fast on long base64 bodies) and compare there.
            var lineStart = range.lowerBound
            while lineStart < range.upperBound {
                let p = lineStart
                let lf = memchr(base + p, 0x0A, range.upperBound - p)
                lineStart = lf.map { base.distance(to: UnsafeRawPointer($0)) + 1 } ?? range.upperBound
                guard p + needle.count <= range.upperBound,
                      memcmp(base + p, needle.baseAddress!, needle.count) == 0 else { continue }
                var q = p + needle.count
                var closing = false
                if q + 1 < range.upperBound, buffer[q] == UInt8(ascii: "-"), buffer[q + 1] == UInt8(ascii: "-") {
                    closing = true
                    q += 2
                }
                while q < range.upperBound, buffer[q] == 0x20 || buffer[q] == 0x09 { q += 1 }
                guard q == range.upperBound || buffer[q] == 0x0D || buffer[q] == 0x0A else { continue }
                let afterLine = HeaderSection.afterLineBreak(buffer, q, range.upperBound)
                // The line break before the delimiter belongs to the delimiter.
                var contentEnd = p
                if contentEnd > range.lowerBound, buffer[contentEnd - 1] == 0x0A { contentEnd -= 1 }
                if contentEnd > range.lowerBound, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                if let start = partStart {
                    parts.append(start..<max(start, contentEnd))
                } else {
                    preamble = range.lowerBound..<contentEnd
                }
                if closing {
                    partStart = nil
                    epilogue = afterLine..<range.upperBound
                    return
                }
                partStart = afterLine
                lineStart = afterLine
            }
            // No closing delimiter: the last part runs to the end.
            if let start = partStart {
                parts.append(start..<range.upperBound)
            }
        }
        return Split(preamble: preamble, parts: parts, epilogue: epilogue)
    }
}
