import Foundation
import Testing
@testable import MIME

func message(_ text: String) -> MailMessage {
    MailMessage(parsing: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
}

@Suite struct MailMessageHeaderTests {
    let mail = message("""
    Return-Path: <bounce@example.com>
    Received: from a by b
    Received: from c
    \tby d
    From: =?utf-8?q?Fran=C3=A7ois?= <francois@exemple.fr>
    To: Marie <marie@exemple.fr>, "Doe, John" <john@example.com>
    Cc: undisclosed-recipients:;
    Reply-To: truce+abc@truce.example
    Subject: =?utf-8?q?R=C3=A9union?=
     =?utf-8?q?_de_m=C3=A9diation?=
    Message-ID: <m1@exemple.fr>
    In-Reply-To: <p0@truce.example>
    References: <r1@x> <r2@y>
     <p0@truce.example>
    Date: Sat, 28 Nov 2026 15:34:32 +0100
    Content-Type: text/plain; charset=utf-8

    Bonjour à tous.
    """)

    @Test func keepsHeadersInOrderWithRepeats() {
        #expect(mail.headers.first?.name == "Return-Path")
        #expect(mail.headers(named: "received") == ["from a by b", "from c\tby d"])
        #expect(mail.header("SUBJECT") == "Réunion de médiation")
        #expect(mail.headers.first { $0.name == "Received" && $0.value.contains("c") }?.rawBytes == Data(" from c\r\n\tby d".utf8))
    }

    @Test func readsStructuredHeaders() {
        #expect(mail.from == [MailAddress(name: "François", address: "francois@exemple.fr")])
        #expect(mail.to.map(\.address) == ["marie@exemple.fr", "john@example.com"])
        #expect(mail.cc.isEmpty)
        #expect(mail.replyTo == [MailAddress(address: "truce+abc@truce.example")])
        #expect(mail.messageID == "m1@exemple.fr")
        #expect(mail.inReplyTo == ["p0@truce.example"])
        #expect(mail.references == ["r1@x", "r2@y", "p0@truce.example"])
        #expect(mail.date == Date(timeIntervalSince1970: 1_795_876_472))
        #expect(mail.text == "Bonjour à tous.")
    }

    @Test func readsLFOnlyMessagesAndMboxSeparators() {
        let m = MailMessage(parsing: Data("From sender@x Sat Nov 28 10:00:00 2026\nSubject: hi\n\nbody\n".utf8))
        #expect(m.subject == "hi")
        #expect(m.text == "body\n")
    }

    @Test func fileThatIsNotMailKeepsItsBytesAsBody() {
        let m = MailMessage(parsing: Data("just some text\nwith lines\n".utf8))
        #expect(m.headers.isEmpty)
        #expect(m.text == "just some text\nwith lines\n")
        let empty = MailMessage(parsing: Data())
        #expect(empty.headers.isEmpty && empty.text == nil || empty.text == "")
    }
}

@Suite struct MultipartTests {
    @Test func picksPlainAndHTMLFromAlternativeAndListsAttachments() {
        let m = message("""
        From: a@x.com
        Content-Type: multipart/mixed; boundary="outer"

        This is a multi-part message in MIME format.
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Caf=E9 cr=E8me
        --inner
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: base64

        PHA+Q2Fmw6k8L3A+
        --inner--
        --outer\t
        Content-Type: application/pdf; name="=?utf-8?q?r=C3=A9sum=C3=A9.pdf?="
        Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        epilogue text
        """)
        #expect(m.text == "Café crème")
        #expect(m.html == "<p>Café</p>")
        #expect(m.attachments.count == 1)
        let pdf = m.attachments[0]
        #expect(pdf.filename == "résumé.pdf")
        #expect(pdf.contentType == "application/pdf")
        #expect(pdf.data == Data("%PDF-1.4\n".utf8))
        #expect(pdf.size == 9)
        #expect(!pdf.isInline)
        #expect(m.root.children.count == 2)
        #expect(String(decoding: m.root.preamble, as: UTF8.self) == "This is a multi-part message in MIME format.")
        #expect(String(decoding: m.root.epilogue, as: UTF8.self) == "epilogue text")
    }

    @Test func toleratesMissingFinalBoundary() {
        let m = message("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        first
        --b
        Content-Type: text/plain; name=notes.txt
        Content-Disposition: attachment

        second, never closed
        """)
        #expect(m.root.children.count == 2)
        #expect(m.text == "first")
        #expect(m.attachments.first?.filename == "notes.txt")
        #expect(m.attachments.first.map { String(decoding: $0.data, as: UTF8.self) } == "second, never closed")
    }

    @Test func boundaryPrefixInsideBodyIsNotADelimiter() {
        let m = message("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        a line starting with --bb is text
        --b--
        """)
        #expect(m.root.children.count == 1)
        #expect(m.text == "a line starting with --bb is text")
    }

    @Test func parsesAttachedMessages() {
        let m = message("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        See the forwarded mail.
        --b
        Content-Type: message/rfc822

        From: Inner <inner@x.com>
        Subject: inner subject
        Content-Type: text/plain

        inner body
        --b--
        """)
        #expect(m.text == "See the forwarded mail.")
        let attached = m.root.children[1]
        #expect(attached.isMessage)
        let inner = MailMessage(root: attached.children[0])
        #expect(inner.subject == "inner subject")
        #expect(inner.from.first?.address == "inner@x.com")
        #expect(inner.text == "inner body")
        #expect(m.attachments.map(\.contentType) == ["message/rfc822"])
    }

    @Test func relatedImagesAreInline() {
        let m = message("""
        Content-Type: multipart/related; boundary=r

        --r
        Content-Type: text/html

        <img src="cid:logo@x">
        --r
        Content-Type: image/png
        Content-ID: <logo@x>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --r--
        """)
        #expect(m.html == "<img src=\"cid:logo@x\">")
        #expect(m.attachments.count == 1)
        #expect(m.attachments[0].isInline)
        #expect(m.attachments[0].contentID == "logo@x")
    }

    @Test func deepNestingStopsWithoutCrashing() {
        var text = ""
        for level in 0..<200 {
            text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n"
        }
        text += "Content-Type: text/plain\n\ndeep\n"
        let m = message(text)
        var depth = 0
        var part = m.root
        while let child = part.children.first { part = child; depth += 1 }
        #expect(depth == MIMEPart.maximumDepth)
    }
}

@Suite struct TextViewTests {
    @Test func htmlOnlyMessageShowsConvertedText() {
        let m = message("""
        Content-Type: text/html; charset=utf-8

        <html><body><p>Bonjour&nbsp;!</p><script>x()</script><p>Voir <a href="https://x.example/a">le dossier</a></p></body></html>
        """)
        #expect(m.plainText == nil)
        #expect(m.html?.hasPrefix("<html>") == true)
        let text = m.text ?? ""
        #expect(text.contains("Bonjour"))
        #expect(text.contains("le dossier <https://x.example/a>"))
        #expect(!text.contains("x()"))
    }

    @Test func blankPlainAlternativeFallsBackToHTML() {
        let m = message("""
        Content-Type: multipart/alternative; boundary=a

        --a
        Content-Type: text/plain

        \u{20}
        --a
        Content-Type: text/html

        <p>Le vrai message</p>
        --a--
        """)
        #expect(m.text?.contains("Le vrai message") == true)
    }

    @Test func appleMailTextAroundInlineImageIsJoined() {
        let m = message("""
        Content-Type: multipart/mixed; boundary=m

        --m
        Content-Type: text/plain; charset=us-ascii

        Before the photo.
        --m
        Content-Type: image/jpeg; name=photo.jpg
        Content-Disposition: inline; filename=photo.jpg
        Content-Transfer-Encoding: base64

        /9j/4AAQ
        --m
        Content-Type: text/plain; charset=us-ascii

        After the photo.
        --m--
        """)
        #expect(m.text == "Before the photo.\nAfter the photo.")
        #expect(m.attachments.map(\.filename) == ["photo.jpg"])
        #expect(m.attachments.first?.isInline == true)
    }

    @Test func signedMailShowsItsFirstPart() {
        let m = message("""
        Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary=s

        --s
        Content-Type: text/plain

        Signed words.
        --s
        Content-Type: application/pgp-signature; name=signature.asc

        -----BEGIN PGP SIGNATURE-----
        --s--
        """)
        #expect(m.text == "Signed words.")
        #expect(m.attachments.map(\.contentType) == ["application/pgp-signature"])
    }
}

@Suite struct DataSliceTests {
    @Test func parsesASliceThatDoesNotStartAtZero() {
        let whole = Data("JUNKSubject: sliced\r\nContent-Type: text/plain\r\n\r\nbody".utf8)
        let m = MailMessage(parsing: whole[4...])
        #expect(m.subject == "sliced")
        #expect(m.text == "body")
        #expect(m.root.encodedBody == Data("body".utf8))
    }
}

@Suite struct MailMessageBodyTests {
    /// Some mailers send an empty text/plain beside the real HTML: the HTML is the text.
    @Test func anEmptyPlainPartGivesWayToTheHTML() {
        let m = message("""
        Content-Type: multipart/alternative; boundary="b"

        --b
        Content-Type: text/plain

        \u{20}
        --b
        Content-Type: text/html

        <p>Le vrai message</p>
        --b--
        """)
        #expect(m.text == "Le vrai message")
        #expect(m.body.text == m.text)
        #expect(m.body.plainText?.trimmingCharacters(in: .whitespacesAndNewlines) == "")
        #expect(m.body.html?.contains("<p>Le vrai message</p>") == true)
    }

    /// A plain part with words is the text, and the HTML beside it is not converted.
    @Test func aPlainPartWithWordsIsTheText() {
        let m = message("""
        Content-Type: multipart/alternative; boundary="b"

        --b
        Content-Type: text/plain

        Bonjour
        --b
        Content-Type: text/html

        <p>Bonjour en HTML</p>
        --b--
        """)
        #expect(m.text == "Bonjour")
        #expect(m.body.text == "Bonjour")
    }
}
