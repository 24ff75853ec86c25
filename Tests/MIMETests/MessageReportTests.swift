import Foundation
import Testing
@testable import MIME

@Suite struct MessageReportTests {
    let report = MessageReport(parsing: Data("""
    From: =?utf-8?q?Zo=C3=AB?= <zoe@exemple.fr>\r
    To: truce+r1@truce.example\r
    Subject: Re: offre\r
    Message-ID: <m1@exemple.fr>\r
    Content-Type: multipart/mixed; boundary=b\r
    \r
    --b\r
    Content-Type: text/plain; charset=utf-8\r
    \r
    J'accepte.\r
    \r
    > Proposition : 120 €\r
    --b\r
    Content-Type: application/pdf; name="accord.pdf"\r
    Content-Transfer-Encoding: base64\r
    \r
    JVBERi0xLjQK\r
    --b--\r

    """.utf8))

    @Test func jsonHasTheStableKeysInOrder() throws {
        let json = report.json()
        let keys = ["subject", "from", "to", "cc", "reply_to", "message_id", "in_reply_to", "references", "date",
                    "text", "html", "reply_text", "stripped", "kept_full_text", "attachments", "parts"]
        let positions = keys.map { json.range(of: "\n  \"\($0)\": ")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["date"] is NSNull)
        #expect(object["message_id"] as? String == "m1@exemple.fr")
        #expect(object["reply_text"] as? String == "J'accepte.")
        #expect((object["stripped"] as? String)?.contains("120 €") == true)
        let attachments = try #require(object["attachments"] as? [[String: Any]])
        #expect(attachments.first?["filename"] as? String == "accord.pdf")
        #expect(attachments.first?["size"] as? Int == 9)
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect((parts.first?["parts"] as? [Any])?.count == 2)
    }

    @Test func textShowsHeadersTreeAndReply() {
        let text = report.text()
        #expect(text.contains("From:        Zoë <zoe@exemple.fr>"))
        #expect(text.contains("multipart/mixed"))
        #expect(text.contains("application/pdf  [base64]  \"accord.pdf\""))
        #expect(text.contains("Reply text:\n  | J'accepte."))
        #expect(text.contains("Stripped:\n"))
    }

    @Test func escapesControlCharactersInJSON() throws {
        let r = MessageReport(parsing: Data("Subject: a\u{1}b\"c\\d\r\n\r\nx\ty".utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.json().utf8)) as? [String: Any])
        #expect(object["subject"] as? String == "a\u{1}b\"c\\d")
        #expect(object["text"] as? String == "x\ty")
    }
}
