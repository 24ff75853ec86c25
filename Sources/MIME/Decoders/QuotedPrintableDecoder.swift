import Foundation

/// Decodes quoted-printable bodies (RFC 2045 §6.7) and the Q encoding of encoded words.
///
/// Lenient like the mail clients people use: lowercase hex is accepted, a `=` that does
/// not start a valid escape or soft break is kept as text (mailers that forgot to encode
/// `=` are common), and trailing whitespace added by transports is dropped.
enum QuotedPrintableDecoder {
    static func decode(_ src: UnsafeRawBufferPointer, underscoreIsSpace: Bool = false) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(src.count)
        let n = src.count
        var i = 0
        // Index in `out` where the current run of trailing blanks began, so that blanks
        // before a line break can be removed (RFC 2045 transport padding).
        var blanksStart = -1
        while i < n {
            let b = src[i]
            switch b {
            case UInt8(ascii: "="):
                if i + 2 < n, let hi = hexValue(src[i + 1]), let lo = hexValue(src[i + 2]) {
                    out.append(hi << 4 | lo)
                    i += 3
                    blanksStart = -1
                    continue
                }
                // Soft line break: "=" then optional blanks then LF or CRLF (or end of data).
                var j = i + 1
                while j < n, src[j] == 0x20 || src[j] == 0x09 { j += 1 }
                // Blanks before a soft break are content (that is how encoders keep
                // trailing blanks), so they must not be dropped as transport padding.
                if j == n {
                    i = n
                    continue
                }
                if src[j] == 0x0A {
                    i = j + 1
                    blanksStart = -1
                    continue
                }
                if src[j] == 0x0D, j + 1 < n, src[j + 1] == 0x0A {
                    i = j + 2
                    blanksStart = -1
                    continue
                }
                if src[j] == 0x0D, j + 1 == n {
                    i = n
                    continue
                }
                out.append(b)
                blanksStart = -1
                i += 1
            case 0x20, 0x09:
                if blanksStart < 0 { blanksStart = out.count }
                out.append(b)
                i += 1
            case 0x0D, 0x0A:
                if blanksStart >= 0 {
                    out.removeSubrange(blanksStart...)
                    blanksStart = -1
                }
                out.append(b)
                i += 1
            case UInt8(ascii: "_") where underscoreIsSpace:
                out.append(0x20)
                blanksStart = -1
                i += 1
            default:
                out.append(b)
                blanksStart = -1
                i += 1
            }
        }
        return Data(out)
    }

    static func decode<S: Sequence>(_ bytes: S, underscoreIsSpace: Bool = false) -> Data where S.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { decode($0, underscoreIsSpace: underscoreIsSpace) }
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
