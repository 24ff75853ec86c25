import Testing
@testable import MIME

@Suite("Reply extraction from HTML structure")
struct ReplyExtractorHTMLTests {
    private func reply(_ html: String) -> ReplyText { ReplyExtractor.extract(plain: nil, html: html) }

    @Test func gmailQuoteIsRemoved() {
        let result = reply("""
            <div dir="ltr">Yes, I accept.<div><br></div><div>Marie</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Nov 3, 2026 at 10:12 AM Acme &lt;<a href="mailto:legal@acme.example">legal@acme.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">/close<br>We offer 120 euros.</div></blockquote></div>
            """)
        #expect(result.text == "Yes, I accept.\n\nMarie")
        #expect(result.stripped.contains("We offer 120 euros."))
        #expect(result.stripped.contains("wrote:"))
    }

    @Test func appleMailAttributionAboveTheCiteBlockquoteIsRemoved() {
        let result = reply("""
            <html><body dir="auto"><div dir="ltr">D’accord pour mardi.</div><div dir="ltr"><br><blockquote type="cite">Le 3 nov. 2026 à 10:12, Jean &lt;j@x.fr&gt; a écrit&nbsp;:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Mardi ?</div></blockquote></body></html>
            """)
        #expect(result.text == "D’accord pour mardi.")
        #expect(result.stripped.contains("Mardi ?"))
    }

    @Test func appleMailMacAttributionOutsideTheBlockquote() {
        let result = reply("""
            <html><body style="overflow-wrap: break-word;">Agreed.<br><div><br><blockquote type="cite"><div>On 3 Nov 2026, at 10:12, Jean Dupont &lt;jean@example.fr&gt; wrote:</div><br class="Apple-interchange-newline"><div><div>Agreed?</div></div></blockquote></div><br></body></html>
            """)
        #expect(result.text == "Agreed.")
    }

    @Test func appleMailInterleavedAnswersAreKept() {
        let result = reply("""
            <html><body><div>On 3 Nov 2026, at 10:12, Mediator &lt;m@truce.example&gt; wrote:</div><blockquote type="cite"><div>Do you accept the date?</div></blockquote><div>Yes.</div><blockquote type="cite"><div>Video or email?</div></blockquote><div>Email.</div></body></html>
            """)
        #expect(result.text == "Yes.\n\nEmail.")
        #expect(result.stripped.contains("Do you accept the date?"))
        #expect(result.stripped.contains("Video or email?"))
        #expect(!result.stripped.contains("\u{E000}"))
    }

    @Test func outlookWebDivRplyFwdMsgAndEverythingAfterIsRemoved() {
        let result = reply("""
            <html><body><div class="elementToProof" style="font-family: Aptos;">Je confirme mon accord.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>De :</b> Acme &lt;a@acme.example&gt;<br><b>Envoyé :</b> lundi 3 novembre 2026 10:12<br><b>À :</b> Jean<br><b>Objet :</b> Offre</font></div><div>Nous proposons 120 euros.</div></body></html>
            """)
        #expect(result.text == "Je confirme mon accord.")
        #expect(result.stripped.contains("Nous proposons 120 euros."))
    }

    @Test func outlookDesktopBorderSeparatorAndEverythingAfterIsRemoved() {
        let result = reply("""
            <html><body lang=FR><div class=WordSection1><p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Je refuse.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>De&nbsp;:</b> Acme<br><b>Envoyé&nbsp;:</b> lundi 3 novembre 2026 10:12</p></div></div><p class=MsoNormal>Offre : 120 euros<o:p></o:p></p></div></body></html>
            """)
        #expect(result.text == "Bonjour,\n\nJe refuse.")
        #expect(result.stripped.contains("Offre : 120 euros"))
    }

    @Test func thunderbirdCitePrefixAndBlockquoteAreRemoved() {
        let result = reply("""
            <html><body><p>Merci, c'est noté.</p><div class="moz-cite-prefix">Le 03/11/2026 à 10:12, Jean Dupont a écrit&nbsp;:<br></div><blockquote type="cite" cite="mid:abc@example.fr"><p>Date retenue ?</p></blockquote><br></body></html>
            """)
        #expect(result.text == "Merci, c'est noté.")
        #expect(result.stripped.contains("Le 03/11/2026 à 10:12, Jean Dupont a écrit :"))
    }

    @Test func yahooQuotedIsRemoved() {
        let result = reply("""
            <html><body><div class="ydp1"><div>I decline.</div></div><div id="yahoo_quoted_8301" class="yahoo_quoted"><div>On Monday, November 3, 2026, 10:12:01 AM GMT+1, Acme &lt;a@acme.example&gt; wrote:</div><div>Offer: 120 euros</div></div></body></html>
            """)
        #expect(result.text == "I decline.")
    }

    @Test func outlookMobileFooterIsRemovedFromHTML() {
        let result = reply("""
            <html><body><div dir="ltr">Ok pour moi</div><div dir="ltr"><br></div><div id="ms-outlook-mobile-signature" dir="ltr">Obtenir <a href="https://aka.ms/AAb9ysg">Outlook pour Android</a></div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>De :</b> Acme</div><div>Offre</div></body></html>
            """)
        #expect(result.text == "Ok pour moi")
        #expect(result.stripped.contains("Obtenir Outlook pour Android"))
    }

    @Test func gmailForwardIsKept() {
        let result = reply("""
            <div dir="ltr">Pour le dossier.<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Acme</strong> <span dir="auto">&lt;a@acme.example&gt;</span><br>Date: Mon, Nov 3, 2026 at 10:12 AM<br>Subject: Offre<br>To: &lt;jean@example.fr&gt;<br></div><br><br><div dir="ltr">Nous proposons 120 euros.</div></div></div>
            """)
        #expect(result.text.hasPrefix("Pour le dossier.\n\n---------- Forwarded message ---------"))
        #expect(result.text.hasSuffix("Nous proposons 120 euros."))
        #expect(!result.keptFullText)
    }

    @Test func htmlWithNothingNewKeepsTheFullText() {
        let result = reply(#"<div class="gmail_quote"><blockquote class="gmail_quote">Old</blockquote></div>"#)
        #expect(result.keptFullText)
        #expect(result.text == "> Old")
    }

    @Test func plainPartIsPreferredWhenItShowsQuotes() {
        let result = ReplyExtractor.extract(
            plain: "Plain answer\n\nOn 03/11/2026 10:12, Jean wrote:\n> Old",
            html: #"<div>HTML answer</div><div class="gmail_quote">On … wrote: Old</div>"#)
        #expect(result.text == "Plain answer")
    }

    @Test func htmlStructureIsUsedWhenThePlainPartLostTheQuoteMarkers() {
        let result = ReplyExtractor.extract(
            plain: "My answer\n\nOld text that a webmail flattened",
            html: #"<div>My answer</div><div class="yahoo_quoted">Old text that a webmail flattened</div>"#)
        #expect(result.text == "My answer")
        #expect(result.stripped == "Old text that a webmail flattened")
    }

    @Test func plainPartWithoutQuotesIsKeptWhenTheHTMLHasNoneEither() {
        let result = ReplyExtractor.extract(plain: "Just text\n-- \nJean", html: "<div>Just text</div><div>-- <br>Jean</div>")
        #expect(result.text == "Just text")
    }

    @Test func blankPlainPartFallsBackToHTML() {
        let result = ReplyExtractor.extract(plain: "\r\n", html: #"<p>Oui</p><blockquote type="cite">Non ?</blockquote>"#)
        #expect(result.text == "Oui")
    }
}

@Suite("HTML quote cutting")
struct HTMLQuoteCutterTests {
    @Test func nestedSameNameElementsAreMatched() {
        let cut = HTMLQuoteCutter.cut(html: #"<div>new</div><div class="gmail_quote"><div><div>a</div></div>b</div><div>after</div>"#)
        #expect(cut.reply == "<div>new</div><div>after</div>")
        #expect(cut.removed == [#"<div class="gmail_quote"><div><div>a</div></div>b</div>"#])
    }

    @Test func eachCiteBlockquoteIsRemovedSeparately() {
        let cut = HTMLQuoteCutter.cut(html: #"<blockquote type="cite">q1</blockquote>a1<BLOCKQUOTE TYPE=CITE>q2<blockquote type="cite">q0</blockquote></BLOCKQUOTE>a2"#)
        #expect(cut.reply == "a1a2")
        #expect(cut.removed.count == 2)
    }

    @Test func separatorsRemoveTheRestOfTheMessage() {
        let cut = HTMLQuoteCutter.cut(html: #"<div><p>new</p><div id="divRplyFwdMsg">From</div></div><p>old</p>"#)
        #expect(cut.reply == "<div><p>new</p>")
        #expect(cut.removed == [#"<div id="divRplyFwdMsg">From</div></div><p>old</p>"#])
    }

    @Test func plainBlockquoteAndMarkersInScriptsAreNotCut() {
        let html = #"<blockquote>a quote the person wrote</blockquote><script>"<div class='gmail_quote'>"</script>"#
        let cut = HTMLQuoteCutter.cut(html: html)
        #expect(!cut.foundQuote)
        #expect(cut.reply == html)
    }

    @Test func unclosedQuoteRunsToTheEnd() {
        let cut = HTMLQuoteCutter.cut(html: #"new<div class="moz-cite-prefix">Le … a écrit :"#)
        #expect(cut.reply == "new")
        #expect(cut.removed == [#"<div class="moz-cite-prefix">Le … a écrit :"#])
    }
}
