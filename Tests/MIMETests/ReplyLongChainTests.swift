import Testing
@testable import MIME

/// Replies at the end of a long thread: the extractor must stay linear (a 3.4 MB chain
/// once took hours in a backtracking library). These only check the outcome; the
/// timing is measured by hand on a release build.
@Suite("Long reply chains")
struct ReplyLongChainTests {
    static let targetSize = 3_000_000

    /// A Gmail-style chain: each message quotes the previous one a level deeper.
    static func plainChain() -> String {
        var body = "Latest answer: I accept.\n\n"
        var depth = 0
        while body.utf8.count < targetSize {
            let prefix = String(repeating: ">", count: depth) + (depth > 0 ? " " : "")
            body += "\(prefix)On Mon, Nov 3, 2026 at 10:\(depth % 60) AM Party \(depth) <p\(depth)@example.fr> wrote:\n"
            let quote = String(repeating: ">", count: depth + 1) + " "
            for line in 0..<120 {
                body += "\(quote)Line \(line) of message \(depth): /close the room, -----Original Message----- Sent from my iPhone\n"
            }
            depth += 1
        }
        return body
    }

    @Test func threeMegabytePlainChain() {
        let chain = Self.plainChain()
        #expect(chain.utf8.count >= Self.targetSize)
        let reply = ReplyExtractor.extract(plain: chain, html: nil)
        #expect(reply.text == "Latest answer: I accept.")
        #expect(reply.stripped.utf8.count > Self.targetSize / 2)
    }

    @Test func threeMegabyteHTMLChainNestedHundredsDeep() {
        var html = #"<div dir="ltr">Latest answer: I decline.</div>"#
        var closing = ""
        var depth = 0
        while html.utf8.count + closing.utf8.count < Self.targetSize {
            html += #"<div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 3, 2026, Party \#(depth) wrote:</div><blockquote class="gmail_quote">"#
            html += String(repeating: "<div>Some earlier text with an &eacute; and a <a href=\"https://example.fr/x\">link</a>.</div>", count: 150)
            closing += "</blockquote></div>"
            depth += 1
        }
        let reply = ReplyExtractor.extract(plain: nil, html: html + closing)
        #expect(reply.text == "Latest answer: I decline.")
    }

    @Test func deeplyNestedBlockquotesStayLinear() {
        let html = "<p>Top</p>" + String(repeating: "<blockquote>x ", count: 100_000)
        let text = HTMLText.plainText(fromHTML: html)
        #expect(text.hasPrefix("Top\n\n> x\n>\n> > x"))
        #expect(text.contains("\n> > > > > > > > x\n"))
        #expect(!text.contains("> > > > > > > > > x"))
    }

    @Test func linesThatAlmostLookLikeMarkersCostNothingExtra() {
        // Attribution openers that never end in "wrote:", From lines without a header
        // block, dashes that frame nothing: every probe fails after a few lines.
        var body = "Answer\n\n"
        while body.utf8.count < Self.targetSize / 3 {
            body += "On Monday we met at 10 and\nFrom: the start\nFrom: again\n------ still nothing ------\n"
        }
        body += String(repeating: "x", count: 500_000) + "\n"
        let reply = ReplyExtractor.extract(plain: body, html: nil)
        #expect(reply.text.utf8.count == body.utf8.count - 1)
    }
}
