/// Unsigned LEB128: small ids take one byte, so everyday addresses stay short, and the
/// largest id a token accepts takes seven.
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Reads one minimal varint of at most `maxBytes` bytes at `index`, advancing it.
    static func read(_ bytes: [UInt8], at index: inout Int, maxBytes: Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for count in 1...maxBytes {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                // A zero final byte after others is a longer spelling of a smaller number.
                if count > 1, byte == 0 { return nil }
                return value
            }
            shift += 7
        }
        return nil
    }
}
