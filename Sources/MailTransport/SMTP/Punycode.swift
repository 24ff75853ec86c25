import Foundation

/// Envelope addresses whose domain is internationalized (`nora@bücher.example`) are sent
/// with the domain as its A-labels (`nora@xn--bcher-kva.example`, RFC 5890), which every
/// server routes, whether it offers SMTPUTF8 or not. The local part is left as it is: only
/// the mailbox's own server reads it, and a non-ASCII one still needs SMTPUTF8.
extension Envelope {
    /// The envelope with both addresses' domains in ASCII.
    var withASCIIDomains: Envelope {
        Envelope(sender: Punycode.asciiDomain(of: sender), recipient: Punycode.asciiDomain(of: recipient), message: message)
    }
}

/// Punycode (RFC 3492), the encoding of an internationalized domain label into ASCII.
enum Punycode {
    /// `address` with a non-ASCII domain written as A-labels: each label lowercased and in
    /// Unicode's composed form (NFC), then encoded. Unchanged when the domain is ASCII, or
    /// when a label cannot be encoded (the server's refusal then says why).
    static func asciiDomain(of address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        let domain = address[address.index(after: at)...]
        guard !domain.utf8.allSatisfy({ $0 < 0x80 }) else { return address }
        var labels: [String] = []
        for label in domain.precomposedStringWithCanonicalMapping.lowercased().split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.allSatisfy({ $0 < 0x80 }) {
                labels.append(String(label))
            } else if let encoded = encode(label), encoded.utf8.count + 4 <= 63 {
                labels.append("xn--" + encoded)
            } else {
                return address
            }
        }
        return address[...at] + labels.joined(separator: ".")
    }

    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 0x80

    /// One label's Punycode, without the `xn--` prefix; nil if it would overflow.
    static func encode(_ label: Substring) -> String? {
        let points = label.unicodeScalars.map { Int($0.value) }
        var output = String(String.UnicodeScalarView(label.unicodeScalars.filter(\.isASCII)))
        let basic = output.unicodeScalars.count
        var handled = basic
        if basic > 0 { output.append("-") }
        var n = initialN, delta = 0, bias = initialBias
        while handled < points.count {
            // The smallest code point not handled yet.
            guard let next = points.filter({ $0 >= n }).min(),
                  (next - n) <= (Int.max - delta) / (handled + 1) else { return nil }
            delta += (next - n) * (handled + 1)
            n = next
            for point in points {
                if point < n {
                    guard delta < Int.max else { return nil }
                    delta += 1
                }
                guard point == n else { continue }
                // delta as a variable-length integer, least significant digit first.
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt8(value < 26 ? 0x61 + value : 0x30 + value - 26)))
    }
}
