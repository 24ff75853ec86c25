import Foundation

/// Turns body and header bytes into text, given the charset a mailer claims.
///
/// Labels lie often enough that decoding must never fail: ISO-8859-1 is decoded as
/// Windows-1252 (as browsers do, since Windows mailers label their curly quotes that way),
/// bytes that are not valid in the claimed charset fall back to Windows-1252 (which maps
/// every byte), and an unknown label is tried as UTF-8 first.
public enum Charset {
    /// Decodes `bytes` labelled `label` (a MIME charset name, any case, possibly quoted).
    public static func decode(_ bytes: Data, label: String?) -> String {
        bytes.withUnsafeBytes { decode($0, label: label) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, label: String?) -> String {
        if bytes.isEmpty { return "" }
        switch normalizedLabel(label) {
        case "", "utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8", "x-unknown", "unknown-8bit", "default":
            return utf8OrWindows1252(bytes)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819":
            return singleByte(bytes, SingleByteCodePage.windows1252)
        case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "iso_8859-15":
            return singleByte(bytes, SingleByteCodePage.iso8859_15)
        case "iso-8859-2", "iso8859-2", "latin2", "latin-2", "iso_8859-2", "l2":
            return singleByte(bytes, SingleByteCodePage.iso8859_2)
        case "windows-1250", "cp1250", "x-cp1250":
            return singleByte(bytes, SingleByteCodePage.windows1250)
        case let other:
            if let encoding = foundationEncoding(other),
               let text = String(bytes: bytes, encoding: encoding) {
                return text
            }
            return utf8OrWindows1252(bytes)
        }
    }

    /// Whether Foundation or our own tables can decode this label faithfully.
    public static func isKnown(_ label: String) -> Bool {
        let name = normalizedLabel(label)
        if ["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "windows-1252", "cp1252",
            "iso-8859-15", "iso-8859-2", "windows-1250"].contains(name) { return true }
        return foundationEncoding(name) != nil
    }

    static func normalizedLabel(_ label: String?) -> String {
        guard var name = label?.trimmingBlanks().asciiLowercased else { return "" }
        if name.hasPrefix("\"") || name.hasPrefix("'") || name.hasSuffix("\"") || name.hasSuffix("'") {
            name = String(name.drop { $0 == "\"" || $0 == "'" }.reversed().drop { $0 == "\"" || $0 == "'" }.reversed())
        }
        // RFC 2231 lets a language ride along: "utf-8*fr".
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        return name
    }

    static func utf8OrWindows1252(_ bytes: UnsafeRawBufferPointer) -> String {
        // Typed as UInt8 so the standard library takes its contiguous fast path.
        let typed = bytes.assumingMemoryBound(to: UInt8.self)
        if let text = String(validating: typed, as: UTF8.self) { return text }
        return singleByte(bytes, SingleByteCodePage.windows1252)
    }

    static func singleByte(_ bytes: UnsafeRawBufferPointer, _ page: [UInt16]) -> String {
        // Transcode straight to UTF-8 bytes: every table value is in the BMP, so at
        // most three bytes per input byte.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        page.withUnsafeBufferPointer { table in
            for b in bytes {
                if b < 0x80 {
                    utf8.append(b)
                    continue
                }
                let v = table[Int(b) - 0x80]
                if v < 0x800 {
                    utf8.append(UInt8(0xC0 | v >> 6))
                    utf8.append(UInt8(0x80 | v & 0x3F))
                } else {
                    utf8.append(UInt8(0xE0 | v >> 12))
                    utf8.append(UInt8(0x80 | (v >> 6) & 0x3F))
                    utf8.append(UInt8(0x80 | v & 0x3F))
                }
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Charsets Foundation decodes on every platform we run on (through ICU on Linux).
    /// The raw values for the East Asian and Cyrillic ones are CoreFoundation's
    /// encoding constants, which Foundation accepts as `String.Encoding` raw values.
    static func foundationEncoding(_ name: String) -> String.Encoding? {
        func cf(_ value: UInt) -> String.Encoding { String.Encoding(rawValue: 0x8000_0000 | value) }
        switch name {
        case "utf-16": return .utf16
        case "utf-16le": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        case "utf-32": return .utf32
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "iso-8859-3": return cf(0x0203)
        case "iso-8859-4": return cf(0x0204)
        case "iso-8859-5": return cf(0x0205)
        case "iso-8859-6": return cf(0x0206)
        case "iso-8859-7": return cf(0x0207)
        case "iso-8859-8", "iso-8859-8-i": return cf(0x0208)
        case "iso-8859-9", "latin5": return cf(0x0209)
        case "iso-8859-13": return cf(0x020D)
        case "iso-8859-16": return cf(0x0210)
        case "windows-1255", "cp1255": return cf(0x0505)
        case "windows-1256", "cp1256": return cf(0x0506)
        case "windows-1257", "cp1257": return cf(0x0507)
        case "windows-1258", "cp1258": return cf(0x0508)
        case "koi8-r": return cf(0x0A02)
        case "koi8-u": return cf(0x0A08)
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j": return .shiftJIS
        case "euc-jp": return cf(0x0920)
        case "iso-2022-jp": return cf(0x0820)
        case "gb2312", "gbk", "gb18030", "cp936", "x-gbk": return cf(0x0632)
        case "big5", "big5-hkscs", "cp950": return cf(0x0A03)
        case "euc-kr", "ks_c_5601-1987", "cp949": return cf(0x0940)
        case "macintosh", "mac", "x-mac-roman": return .macOSRoman
        default: return nil
        }
    }
}
