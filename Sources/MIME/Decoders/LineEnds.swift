/// Line-end normalisation shared by the parser and the builder.
extension String {
    /// The text with CRLF and lone CR turned into LF, in one pass over the UTF-8 bytes.
    /// Same result as replacing "\r\n" then "\r" with Foundation, which is slow on Linux
    /// and ran for every text part parsed and every copy built.
    var withLFLineEnds: String {
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var afterCR = false
        for byte in utf8 {
            if byte == 0x0D {
                out.append(0x0A)
                afterCR = true
            } else {
                if !(byte == 0x0A && afterCR) { out.append(byte) }
                afterCR = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
