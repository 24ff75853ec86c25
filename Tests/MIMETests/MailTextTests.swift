import Testing
@testable import MIME

/// The byte-level text helpers that stand in for Foundation on every header and line.
@Suite("Mail text helpers")
struct MailTextTests {
    @Test(arguments: [
        ("  multipart/report; x ", "multipart/report; x"), ("\t\r\n", ""), ("", ""), ("a", "a"),
        (" \u{00A0}é ", "\u{00A0}é"),
    ])
    func trimmingBlanks(text: String, trimmed: String) {
        #expect(text.trimmingBlanks() == trimmed)
    }

    @Test(arguments: [
        "Réponse AUTOMATIQUE", "OUT OF OFFICE", "already lower", "ÉTÉ À PARIS", "İstanbul", "STRASSE ẞ", "",
    ])
    func mailLowercasedIsLowercased(text: String) {
        #expect(text.mailLowercased == text.lowercased())
    }

    @Test func asciiLowercasedLeavesOtherLettersAlone() {
        #expect("BULK".asciiLowercased == "bulk")
        #expect("ÉTÉ".asciiLowercased == "ÉtÉ")
        #expect("Auto_Reply".equalsIgnoringASCIICase("auto_reply"))
        #expect(!"É".equalsIgnoringASCIICase("é"))
    }

    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?=", "=?", true), ("plain subject", "=?", false), ("ends with =", "=?", false),
        ("==?x", "=?", true), ("?=", "=?", false), ("a=?", "=?", true), ("", "=?", false), ("abc", "", true),
        ("été =?", "=?", true), ("aab", "ab", true), ("aaa", "ab", false),
    ])
    func containsBytes(text: String, needle: String, found: Bool) {
        #expect(text.containsBytes(of: needle) == found)
    }

    @Test(arguments: [
        ("<jean@example.fr>", "jean@example.fr"), ("'\"zoé@exemple.fr\"'.", "zoé@exemple.fr"), ("<<>>", ""),
        (" mailto:Anne@Example.com> ", "Anne@Example.com"), ("@relay:user@host.", "user@host"), ("é<", "é"),
    ])
    func strayCharactersAroundAnAddressGo(raw: String, clean: String) {
        #expect(AddressListParser.cleanAddress(raw) == clean)
    }
}
