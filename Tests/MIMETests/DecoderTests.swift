import Foundation
import Testing
@testable import MIME

@Suite struct Base64DecoderTests {
    @Test func decodesWrappedBase64WithJunk() {
        let encoded = "SGVs\r\nbG8s\n IHdv*cmxk\tIQ==\r\n"
        #expect(String(decoding: Base64Decoder.decode(Array(encoded.utf8)), as: UTF8.self) == "Hello, world!")
    }

    @Test func decodesPartialQuantum() {
        // "Hi!" is SGkh; a truncated "SGk" still yields "Hi".
        #expect(Base64Decoder.decode(Array("SGk".utf8)) == Data("Hi".utf8))
        #expect(Base64Decoder.decode(Array("S".utf8)).isEmpty)
    }

    @Test func countsDecodedBytesWithoutDecoding() {
        let encoded = Data("SGVsbG8s\r\nIHdvcmxkIQ==\r\n".utf8)
        let count = encoded.withUnsafeBytes { Base64Decoder.decodedCount($0) }
        #expect(count == 13)
    }

    @Test func matchesFoundationOnRandomData() {
        var rng = SeededGenerator(seed: 7)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let encoded = Data(bytes).base64EncodedString(options: .lineLength76Characters)
            #expect(Base64Decoder.decode(Array(encoded.utf8)) == Data(bytes))
        }
    }
}

@Suite struct QuotedPrintableDecoderTests {
    func decode(_ s: String) -> String {
        String(decoding: QuotedPrintableDecoder.decode(Array(s.utf8)), as: UTF8.self)
    }

    @Test func decodesEscapesAndSoftBreaks() {
        #expect(decode("Caf=C3=A9 cr=c3=a8me=\r\n br=C3=BBl=C3=A9e") == "Café crème brûlée")
        #expect(decode("a=\nb") == "ab")
        #expect(decode("soft break with blanks= \t\r\nnext") == "soft break with blanksnext")
    }

    @Test func keepsMalformedEqualsAsText() {
        #expect(decode("1+1=2 and x=y, 100%=ZZ") == "1+1=2 and x=y, 100%=ZZ")
        #expect(decode("ends with =") == "ends with ")
    }

    @Test func dropsTransportPaddingBeforeLineBreaks() {
        #expect(decode("line   \r\nnext") == "line\r\nnext")
    }

    @Test func underscoreIsSpaceOnlyInEncodedWords() {
        #expect(String(decoding: QuotedPrintableDecoder.decode(Array("a_b".utf8), underscoreIsSpace: true), as: UTF8.self) == "a b")
        #expect(decode("a_b") == "a_b")
    }
}

@Suite struct CharsetTests {
    @Test func decodesUTF8() {
        #expect(Charset.decode(Data("Zoë 🎉".utf8), label: "UTF-8") == "Zoë 🎉")
    }

    @Test func latin1LabelDecodesAsWindows1252() {
        // 0x92 is a right single quote in Windows-1252, a C1 control in ISO-8859-1.
        #expect(Charset.decode(Data([0x6C, 0x92, 0xE9, 0x74, 0xE9]), label: "iso-8859-1") == "l\u{2019}été")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        #expect(Charset.decode(Data([0x63, 0x61, 0x66, 0xE9]), label: "utf-8") == "café")
    }

    @Test func unknownLabelTriesUTF8ThenWindows1252() {
        #expect(Charset.decode(Data("déjà".utf8), label: "x-bogus") == "déjà")
        #expect(Charset.decode(Data([0xE0]), label: "x-bogus") == "à")
    }

    @Test func decodesOwnTables() {
        #expect(Charset.decode(Data([0xA4]), label: "ISO-8859-15") == "€")
        #expect(Charset.decode(Data([0xB9, 0xE6]), label: "iso-8859-2") == "šć")
        #expect(Charset.decode(Data([0x9A, 0x8A]), label: "windows-1250") == "šŠ")
        #expect(Charset.decode(Data([0x80, 0x9C]), label: "\"windows-1252\"") == "€œ")
    }

    @Test func decodesThroughFoundation() {
        #expect(Charset.decode(Data([0xF0, 0xD2, 0xC9]), label: "koi8-r") == "При")
        #expect(Charset.decode(Data([0x82, 0xA0]), label: "shift_jis") == "あ")
    }

    @Test func neverLosesBytes() {
        let all = Data((0...255).map(UInt8.init))
        for label in ["utf-8", "iso-8859-1", "iso-8859-15", "iso-8859-2", "windows-1250", "bogus", "us-ascii"] {
            #expect(Charset.decode(all, label: label).unicodeScalars.count == 256, "\(label)")
        }
    }
}

@Suite struct FlowedTextTests {
    @Test func rejoinsFlowedLines() {
        let text = "This is a long \nparagraph.\n> quoted \n> more\n-- \nsig"
        #expect(FlowedText.unflow(text, deleteSpace: false) == "This is a long paragraph.\n> quoted more\n-- \nsig")
    }

    @Test func deleteSpaceJoinsWords() {
        #expect(FlowedText.unflow("abc \ndef", deleteSpace: true) == "abcdef")
    }
}
