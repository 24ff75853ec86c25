/// Byte-level helpers for header text. Header syntax is ASCII (blanks, names, tokens),
/// so these work on UTF-8 code units: Foundation's Unicode-aware trimming, searching and
/// case-insensitive comparison are correct but several times slower, and they ran on
/// every header of every message. Inlinable, so that other modules get them specialized
/// for `String` rather than called through the protocol.
extension StringProtocol {
    @inlinable @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// Without leading and trailing spaces, tabs, CR and LF.
    @inlinable
    public func trimmingBlanks() -> String {
        let text = Substring(self)
        let u = text.utf8
        guard let first = u.firstIndex(where: { !Self.isBlank($0) }) else { return "" }
        let last = u.lastIndex(where: { !Self.isBlank($0) })!
        return String(text[first...last])
    }

    /// Case-insensitive equality for ASCII letters (header names, tokens).
    @inlinable
    public func equalsIgnoringASCIICase<Other: StringProtocol>(_ other: Other) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            guard x | 0x20 == y | 0x20, (x | 0x20) >= 0x61, (x | 0x20) <= 0x7A else { return false }
        }
        return true
    }

    /// ASCII letters lowercased; other characters unchanged (no allocation when
    /// there is nothing to lower).
    @inlinable
    public var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(self) }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Lowercased as `lowercased()` does, with a shortcut for ASCII text, where
    /// `lowercased()` still walks the text by Unicode scalar.
    @inlinable
    public var mailLowercased: String {
        utf8.allSatisfy { $0 < 0x80 } ? asciiLowercased : lowercased()
    }

    /// Whether `needle` occurs in the text, compared byte by byte (so "é" is found only
    /// in the same normalization form): for ASCII markers such as "=?".
    @inlinable
    public func containsBytes(of needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return true }
        let haystack = utf8
        var index = haystack.startIndex
        while let start = haystack[index...].firstIndex(of: first) {
            if haystack[start...].starts(with: needle) { return true }
            index = haystack.index(after: start)
        }
        return false
    }
}
