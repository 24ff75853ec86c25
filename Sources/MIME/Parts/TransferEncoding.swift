import Foundation

/// Content-Transfer-Encoding of a part (RFC 2045 §6).
///
/// Unknown values are kept verbatim (`x-uuencode`, typos) and their bodies are handed
/// over undecoded, which is what every reader does with them.
public enum TransferEncoding: Sendable, Hashable, CustomStringConvertible {
    case sevenBit, eightBit, binary, base64, quotedPrintable
    case other(String)

    public init(_ value: String?) {
        let v = (value ?? "").trimmingBlanks().asciiLowercased
        switch v {
        case "", "7bit", "7-bit": self = .sevenBit
        case "8bit", "8-bit": self = .eightBit
        case "binary": self = .binary
        case "base64", "base-64": self = .base64
        case "quoted-printable", "quoted_printable", "qp": self = .quotedPrintable
        default: self = .other(v)
        }
    }

    public var description: String {
        switch self {
        case .sevenBit: "7bit"
        case .eightBit: "8bit"
        case .binary: "binary"
        case .base64: "base64"
        case .quotedPrintable: "quoted-printable"
        case .other(let v): v
        }
    }
}
