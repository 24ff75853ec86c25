import Foundation
import Testing
@testable import MIME

@Suite struct EncodedWordTests {
    @Test func decodesBAndQWords() {
        #expect(EncodedWord.decode("=?UTF-8?B?Q2Fmw6kgY3LDqG1l?=") == "Café crème")
        #expect(EncodedWord.decode("=?iso-8859-1?q?Fran=E7ois_Dupr=E9?=") == "François Dupré")
    }

    @Test func joinsAdjacentWordsWithoutTheBlankBetween() {
        #expect(EncodedWord.decode("=?utf-8?q?R=C3=A9union?= =?utf-8?q?_du_lundi?=") == "Réunion du lundi")
        #expect(EncodedWord.decode("=?utf-8?q?a?=\r\n =?utf-8?q?b?= c") == "ab c")
    }

    @Test func keepsBlanksBetweenWordAndText() {
        #expect(EncodedWord.decode("Re: =?utf-8?q?caf=C3=A9?= ok") == "Re: café ok")
    }

    @Test func joinsMultibyteCharacterSplitAcrossWords() {
        // "é" is C3 A9, split between two words.
        #expect(EncodedWord.decode("=?utf-8?B?w6=?= =?utf-8?Q?=A9t=C3=A9?=") != "")
        #expect(EncodedWord.decode("=?utf-8?Q?=C3?= =?utf-8?Q?=A9t=C3=A9?=") == "été")
    }

    @Test func leavesMalformedWordsAsText() {
        #expect(EncodedWord.decode("=?utf-8?X?abc?=") == "=?utf-8?X?abc?=")
        #expect(EncodedWord.decode("=?utf-8?q?never closed") == "=?utf-8?q?never closed")
        #expect(EncodedWord.decode("x =? y") == "x =? y")
    }

    @Test func unknownCharsetFallsBack() {
        #expect(EncodedWord.decode("=?x-unknown?q?caf=E9?=") == "café")
        #expect(EncodedWord.decode("=?utf-8*fr?q?oui?=") == "oui")
    }
}

@Suite struct AddressTests {
    func parse(_ s: String) -> [MailAddress] { MailAddress.parseList(s) }

    @Test func readsCommonForms() {
        #expect(parse("John Doe <john@example.com>") == [MailAddress(name: "John Doe", address: "john@example.com")])
        #expect(parse("\"Doe, John\" <john@example.com>, jane@example.org") == [
            MailAddress(name: "Doe, John", address: "john@example.com"),
            MailAddress(address: "jane@example.org"),
        ])
        #expect(parse("<bare@example.com>") == [MailAddress(address: "bare@example.com")])
    }

    @Test func readsEncodedAndEscapedNames() {
        #expect(parse("=?utf-8?q?Fran=C3=A7ois?= =?utf-8?q?_Dupr=C3=A9?= <f@exemple.fr>").first?.name == "François Dupré")
        #expect(parse("\"=?iso-8859-1?q?Ren=E9e?=\" <r@x.fr>").first?.name == "Renée")
        #expect(parse("\"John \\\"JJ\\\" Doe\" <j@x.com>").first?.name == "John \"JJ\" Doe")
    }

    @Test func readsCommentsAsNamesWhenThereIsNoPhrase() {
        #expect(parse("john@example.com (John Doe)") == [MailAddress(name: "John Doe", address: "john@example.com")])
        #expect(parse("John <john@example.com> (work)") == [MailAddress(name: "John", address: "john@example.com")])
    }

    @Test func readsGroups() {
        #expect(parse("undisclosed-recipients:;").isEmpty)
        #expect(parse("Team: a@x.com, B <b@y.com>;, c@z.com") == [
            MailAddress(address: "a@x.com"), MailAddress(name: "B", address: "b@y.com"), MailAddress(address: "c@z.com"),
        ])
    }

    @Test func toleratesBrokenForms() {
        #expect(parse("a@x.com,, b@y.com,") == [MailAddress(address: "a@x.com"), MailAddress(address: "b@y.com")])
        #expect(parse("John Doe john@example.com") == [MailAddress(name: "John Doe", address: "john@example.com")])
        #expect(parse("\"a@b.com\" <a@b.com>") == [MailAddress(address: "a@b.com")])
        #expect(parse("John Q. Public <jqp@example.com>").first?.name == "John Q. Public")
        #expect(parse("<mailto:m@x.com>") == [MailAddress(address: "m@x.com")])
        #expect(parse("John <john@example.com") == [MailAddress(name: "John", address: "john@example.com")])
        #expect(parse("Pierre <pierre@exemple.fr>; Marie <marie@exemple.fr>").count == 2)
        #expect(parse("").isEmpty)
    }

    @Test func keepsInternationalDomainsAsWritten() {
        let a = parse("Zoë <zoë@bücher.de>")
        #expect(a == [MailAddress(name: "Zoë", address: "zoë@bücher.de")])
        #expect(a.first?.domain == "bücher.de")
        #expect(a.first?.localPart == "zoë")
    }
}

@Suite struct MessageIDTests {
    @Test func readsIDsInAllTheirForms() {
        #expect(MessageIDList.parse("<a@b.c>") == ["a@b.c"])
        #expect(MessageIDList.parse("<a@b> <c@d>\r\n\t<e@f>") == ["a@b", "c@d", "e@f"])
        #expect(MessageIDList.parse("<a@b>,<c@d>") == ["a@b", "c@d"])
        #expect(MessageIDList.parse("a@b c@d") == ["a@b", "c@d"])
        #expect(MessageIDList.parse("<a@b> (comment) <c@d>") == ["a@b", "c@d"])
        #expect(MessageIDList.parse("Your message of Mon <x@y>") == ["x@y"])
        #expect(MessageIDList.parse("<unterminated@x") == ["unterminated@x"])
        #expect(MessageIDList.parse("").isEmpty)
    }
}

@Suite struct MailDateTests {
    func iso(_ s: String) -> String? {
        MailDate.parse(s).map { ISO8601DateFormatter().string(from: $0) }
    }

    @Test func readsRFC5322() {
        #expect(iso("Sat, 28 Nov 2026 15:34:32 +0100") == "2026-11-28T14:34:32Z")
        #expect(iso("Tue, 1 Jul 2003 10:52:37 -0700 (PDT)") == "2003-07-01T17:52:37Z")
    }

    @Test func readsBrokenVariants() {
        #expect(iso("28 Nov 2026 15:34:32 +0000") == "2026-11-28T15:34:32Z")
        #expect(iso("Sat, 28 Nov 26 15:34 GMT") == "2026-11-28T15:34:00Z")
        #expect(iso("Mon, 3 Jan 99 08:00:00 EST") == "1999-01-03T13:00:00Z")
        #expect(iso("Sat, 28 Nov 2026 15:34:32 UT") == "2026-11-28T15:34:32Z")
        #expect(iso("Sat, 28 Nov 2026 15:34:32 +0100 (CET) junk junk") == "2026-11-28T14:34:32Z")
        #expect(iso("Sat,28 Nov 2026 15:34:32 +01:00") == "2026-11-28T14:34:32Z")
        #expect(iso("Mon Jan  2 15:04:05 2006") == "2006-01-02T15:04:05Z")
        #expect(iso("2024-02-29T23:59:59Z") == "2024-02-29T23:59:59Z")
        #expect(iso("Thu, 13 February 2020 09:00:00 -0000") == "2020-02-13T09:00:00Z")
    }

    @Test func rejectsNonsense() {
        #expect(MailDate.parse("yesterday") == nil)
        #expect(MailDate.parse("") == nil)
        #expect(MailDate.parse("Sat, 99 Nov 2026 15:34:32") == nil)
    }

    @Test func formatsForHeaders() {
        let date = MailDate.parse("Sat, 28 Nov 2026 15:34:32 +0000")!
        #expect(MailDate.format(date) == "Sat, 28 Nov 2026 15:34:32 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(MailDate.parse(MailDate.format(Date(timeIntervalSince1970: 0))) == Date(timeIntervalSince1970: 0))
    }
}

@Suite struct SubjectTests {
    @Test func stripsStackedPrefixes() {
        #expect(Subject.baseSubject("Re: RE: AW: Fwd: FW: Hello") == "Hello")
        #expect(Subject.baseSubject("TR : Devis") == "Devis")
        #expect(Subject.baseSubject("Réf. : dossier 12") == "dossier 12")
        #expect(Subject.baseSubject("Re[2]: Re(3): ping") == "ping")
        #expect(Subject.baseSubject("  Re:   spaced    out ") == "spaced out")
    }

    @Test func keepsTagsButStripsPrefixesAfterThem() {
        #expect(Subject.baseSubject("Re: [Truce #12] Re: Offre") == "[Truce #12] Offre")
        #expect(Subject.baseSubject("[list] hello") == "[list] hello")
    }

    @Test func doesNotStripWordsThatMerelyStartLikePrefixes() {
        #expect(Subject.baseSubject("Return policy") == "Return policy")
        #expect(Subject.baseSubject("Trésorerie: bilan") == "Trésorerie: bilan")
        #expect(Subject.baseSubject("Refund: request") == "Refund: request")
    }

    @Test func tellsRepliesFromForwards() {
        #expect(Subject("Re: x").isReply)
        #expect(Subject("AW: x").isReply)
        #expect(Subject("TR: x").isForward)
        #expect(Subject("Fwd: Re: x").isForward)
        #expect(Subject("hello (fwd)").isForward)
        #expect(!Subject("hello").isReply && !Subject("hello").isForward)
    }
}

@Suite struct HeaderParametersTests {
    @Test func readsPlainAndQuotedParameters() {
        let p = HeaderParameters(parsing: "Text/Plain; charset=\"UTF-8\"; format=flowed")
        #expect(p.value == "text/plain")
        #expect(p["charset"] == "UTF-8")
        #expect(p["format"] == "flowed")
    }

    @Test func readsRFC2231() {
        let p = HeaderParameters(parsing: "attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf")
        #expect(p.value == "attachment")
        #expect(p["filename"] == "résumé.pdf")
    }

    @Test func joinsRFC2231ContinuationsAsBytes() {
        // The UTF-8 bytes of "é" (C3 A9) are split across two sections.
        let p = HeaderParameters(parsing: "attachment;\r\n filename*0*=utf-8''caf%C3;\r\n filename*1*=%A9%20cr%C3%A8me;\r\n filename*2=\".txt\"")
        #expect(p["filename"] == "café crème.txt")
    }

    @Test func readsOutlookEncodedWordFilenamesAndRaw8Bit() {
        #expect(HeaderParameters(parsing: "attachment; filename=\"=?utf-8?B?UsOpc3Vtw6kucGRm?=\"")["filename"] == "Résumé.pdf")
        #expect(HeaderParameters(parsing: "attachment; filename=\"Résumé 2024.pdf\"")["filename"] == "Résumé 2024.pdf")
        #expect(HeaderParameters(parsing: "attachment; filename=\"a\\\"b;c.txt\"")["filename"] == "a\"b;c.txt")
    }

    @Test func repairsMissingSemicolon() {
        let p = HeaderParameters(parsing: "text/plain charset=iso-8859-1")
        #expect(p.value == "text/plain")
        #expect(p["charset"] == "iso-8859-1")
    }
}

@Suite struct MessageIDMixedFormTests {
    @Test func keepsBareIDsBetweenBracketedOnes() {
        #expect(MessageIDList.parse("<r1@x>,<r2@x> r3@x") == ["r1@x", "r2@x", "r3@x"])
        #expect(MessageIDList.parse("<a@x> (first)\r\n\tb@y, <c@z>") == ["a@x", "b@y", "c@z"])
        #expect(MessageIDList.parse("Your message of \"Mon, 7 Dec\" <p@x>") == ["p@x"])
    }
}
