import Foundation

/// Decodes base64 bodies and encoded words the way mail clients do: leniently.
///
/// Real mail wraps base64 at any width, pads in the middle when a mailer concatenates
/// chunks, and sometimes carries junk (stray `-`, signatures, NULs). Every byte outside
/// the alphabet is skipped instead of failing, and a trailing partial quantum still
/// yields the bytes it fully encodes, so a truncated attachment decodes as far as it goes.
enum Base64Decoder {
    /// 0...63 for alphabet bytes, 0xFF otherwise. Accepts the URL-safe alphabet too,
    /// because some webmail generators emit it.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Data {
        if bytes.isEmpty { return Data() }
        var out = Data(count: bytes.count / 4 * 3 + 3)
        let written = out.withUnsafeMutableBytes { dst -> Int in
            decode(bytes, into: dst)
        }
        out.count = written
        return out
    }

    static func decode<S: Sequence>(_ bytes: S) -> Data where S.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { decode($0) }
    }

    /// Number of bytes the body decodes to, without materialising them.
    static func decodedCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var symbols = 0
        table.withUnsafeBufferPointer { t in
            for b in bytes where t[Int(b)] != 0xFF { symbols += 1 }
        }
        return symbols / 4 * 3 + max(0, symbols % 4 - 1)
    }

    private static func decode(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) -> Int {
        table.withUnsafeBufferPointer { t in
            var accumulator: UInt32 = 0
            var pending = 0
            var o = 0
            for b in src {
                let v = t[Int(b)]
                if v == 0xFF { continue }
                accumulator = accumulator << 6 | UInt32(v)
                pending += 1
                if pending == 4 {
                    dst[o] = UInt8(truncatingIfNeeded: accumulator >> 16)
                    dst[o + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                    dst[o + 2] = UInt8(truncatingIfNeeded: accumulator)
                    o += 3
                    pending = 0
                    accumulator = 0
                }
            }
            // A partial quantum of 2 or 3 symbols still carries 1 or 2 whole bytes.
            if pending == 2 {
                dst[o] = UInt8(truncatingIfNeeded: accumulator >> 4)
                o += 1
            } else if pending == 3 {
                dst[o] = UInt8(truncatingIfNeeded: accumulator >> 10)
                dst[o + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
                o += 2
            }
            return o
        }
    }
}
