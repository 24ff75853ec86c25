import Testing
@testable import MIME

@Suite("HTML to plain text")
struct HTMLTextTests {
    private func text(_ html: String) -> String { HTMLText.plainText(fromHTML: html) }

    @Test func paragraphsAreSeparatedByABlankLine() {
        #expect(text("<p>Bonjour,</p><p>Merci pour votre retour.</p>") == "Bonjour,\n\nMerci pour votre retour.")
    }

    @Test func divsAndBreaksEndLines() {
        #expect(text("<div>one</div><div>two</div>") == "one\ntwo")
        #expect(text("one<br>two<br/>three") == "one\ntwo\nthree")
        #expect(text("one<br><br>two") == "one\n\ntwo")
    }

    @Test func gmailBlankLineDivsGiveOneBlankLine() {
        let html = #"<div dir="ltr"><div>Hello,</div><div><br></div><div>Yes, I agree.</div></div>"#
        #expect(text(html) == "Hello,\n\nYes, I agree.")
    }

    @Test func trailingBreakInsideABlockAddsNoLine() {
        #expect(text("<div>one<br></div><div>two</div>") == "one\ntwo")
    }

    @Test func nestedBlocksGiveASingleBreak() {
        #expect(text("<div><div><div>a</div></div></div><div><p>b</p></div>") == "a\n\nb")
    }

    @Test func whitespaceCollapsesLikeABrowser() {
        #expect(text("  Hello \n\n   world\t !  ") == "Hello world !")
        #expect(text("<span>a</span> <span>b</span>") == "a b")
        #expect(text("<b>bold</b>text") == "boldtext")
    }

    @Test func nonBreakingSpacesAreKept() {
        #expect(text("a&nbsp;&nbsp;b") == "a  b")
        #expect(text("Jean a écrit&nbsp;:") == "Jean a écrit :")
    }

    @Test func listItemsStartWithADash() {
        #expect(text("<p>Points:</p><ul><li>delay</li><li>refund</li></ul><p>End</p>")
            == "Points:\n\n- delay\n- refund\n\nEnd")
        #expect(text("<ol><li>first</li><li>second</li></ol>") == "- first\n- second")
    }

    @Test func nestedListsAreIndented() {
        #expect(text("<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>") == "- a\n  - a1\n- b")
    }

    @Test func linksKeepTheirAddress() {
        #expect(text(#"See <a href="https://example.com/case/12">the case</a>."#)
            == "See the case <https://example.com/case/12>.")
    }

    @Test func linksWhoseTextIsTheAddressAreNotRepeated() {
        #expect(text(#"<a href="https://example.com/">https://example.com</a>"#) == "https://example.com")
        #expect(text(#"<a href="http://www.example.com">www.example.com</a>"#) == "www.example.com")
        #expect(text(#"<a href="mailto:jean@example.fr">jean@example.fr</a>"#) == "jean@example.fr")
    }

    @Test func mailtoLinksShowTheBareAddress() {
        #expect(text(#"<a href="mailto:jean@example.fr?subject=Hi">Jean Dupont</a>"#) == "Jean Dupont <jean@example.fr>")
    }

    @Test func inPageAndImageOnlyLinksShowNothing() {
        #expect(text(##"<a href="#top">Top</a> <a href="https://t.example/x"><img src="logo.png"></a>"##) == "Top")
    }

    @Test func namedNumericAndHexEntitiesAreDecoded() {
        #expect(text("&lt;b&gt; &amp; &quot;x&quot; &eacute;t&eacute; &euro; &hellip;") == "<b> & \"x\" été € …")
        #expect(text("caf&#233; &#x2019; &#X41;") == "café ’ A")
        #expect(text("l&#146;offre") == "l’offre")
    }

    @Test func unknownOrBrokenEntitiesStayAsWritten() {
        #expect(text("AT&T &bogus; &#;") == "AT&T &bogus; &#;")
        #expect(text("fish &amp chips") == "fish & chips")
    }

    @Test func scriptsStylesHeadAndCommentsAreDropped() {
        let html = """
            <html><head><title>Re: Dossier</title><style>p { color: red; } /* <p>no</p> */</style>
            <meta charset="utf-8"></head><body><!-- <p>hidden</p> --><p>Visible</p>
            <script>document.write("<p>no</p>")</script></body></html>
            """
        #expect(text(html) == "Visible")
    }

    @Test func outlookConditionalCommentsAndHiddenElementsAreDropped() {
        let html = """
            <!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
            <div style="display: none; max-height:0">preview text</div><p class=MsoNormal>Shown<o:p></o:p></p>
            """
        #expect(text(html) == "Shown")
    }

    @Test func wordParagraphsAreSingleSpaced() {
        let html = "<p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            + "<p class=MsoNormal>Je refuse l&#8217;offre.<o:p></o:p></p>"
        #expect(text(html) == "Bonjour,\n\nJe refuse l’offre.")
    }

    @Test func preformattedTextIsKept() {
        #expect(text("<p>Log:</p><pre>line 1\n    indented\n\nline 4</pre><p>end</p>")
            == "Log:\n\nline 1\n    indented\n\nline 4\n\nend")
    }

    @Test func blockquotesArePrefixed() {
        #expect(text("<div>Yes</div><blockquote><div>Is it ok?</div><blockquote>first</blockquote></blockquote>")
            == "Yes\n\n> Is it ok?\n>\n> > first")
    }

    @Test func tableRowsAreLinesAndCellsAreSpaced() {
        #expect(text("<table><tr><td>Montant</td><td>120 €</td></tr><tr><td>Frais</td><td>0 €</td></tr></table>")
            == "Montant 120 €\nFrais 0 €")
    }

    @Test func strayAngleBracketsAreText() {
        #expect(text("3 < 4 and 5 > 2, a <3 b") == "3 < 4 and 5 > 2, a <3 b")
    }

    @Test func unterminatedMarkupDoesNotHang() {
        #expect(text("text <div class=\"x") == "text")
        #expect(text("text <!-- never closed") == "text")
        #expect(text("<script>never closed") == "")
    }

    @Test func uppercaseTagsAndUnquotedAttributesAreRead() {
        #expect(text("<P>One</P><DIV>Two<BR>Three</DIV><A HREF=http://x.example/a>x</A>")
            == "One\n\nTwo\nThree\nx <http://x.example/a>")
    }
}
