import Testing
@testable import MIME

@Suite("Reply extraction from plain text")
struct ReplyExtractorPlainTests {
    private func reply(_ plain: String) -> ReplyText { ReplyExtractor.extract(plain: plain, html: nil) }

    // MARK: - Attribution lines

    @Test func englishGmailAttribution() {
        let result = reply("""
            Yes, Tuesday works.

            On Mon, Nov 3, 2026 at 10:12 AM Jean Dupont <jean@example.fr> wrote:
            > Can we talk on Tuesday?
            """)
        #expect(result.text == "Yes, Tuesday works.")
        #expect(result.stripped == "On Mon, Nov 3, 2026 at 10:12 AM Jean Dupont <jean@example.fr> wrote:\n> Can we talk on Tuesday?")
        #expect(!result.keptFullText)
    }

    @Test func frenchAttributionWithNonBreakingSpaceBeforeColon() {
        let result = reply("D'accord.\n\nLe lun. 3 nov. 2026 à 10:12, Jean <j@x.fr> a écrit\u{00A0}:\n> Êtes-vous disponible ?\n")
        #expect(result.text == "D'accord.")
    }

    @Test func frenchAttributionWithNarrowNoBreakSpaceAndPlainSpace() {
        #expect(reply("Oui.\n\nLe 03/11/2026 à 10:12, Jean Dupont a écrit\u{202F}:\n> Question").text == "Oui.")
        #expect(reply("Oui.\n\nLe 03/11/2026 à 10:12, Jean Dupont a écrit :\n> Question").text == "Oui.")
        #expect(reply("Oui.\n\nLe 03/11/2026 à 10:12, Jean Dupont a écrit:\n> Question").text == "Oui.")
    }

    @Test(arguments: [
        "Am 03.11.2026 um 10:12 schrieb Jean Dupont <j@x.de>:",
        "Am Mo., 3. Nov. 2026 um 10:12 Uhr schrieb Jean Dupont <j@x.de>:",
        "El lun, 3 nov 2026 a las 10:12, Jean Dupont (<j@x.es>) escribió:",
        "Il giorno lun 3 nov 2026 alle ore 10:12 Jean Dupont <j@x.it> ha scritto:",
        "Op ma 3 nov 2026 om 10:12 schreef Jean Dupont <j@x.nl>:",
        "Em seg., 3 de nov. de 2026 às 10:12, Jean Dupont <j@x.pt> escreveu:",
        "On 3 Nov 2026, at 10:12, Jean Dupont <j@x.fr> wrote:",
        "On 03/11/2026 10:12, Jean Dupont wrote:",
    ])
    func attributionsInOtherLanguagesAndClients(_ attribution: String) {
        let result = reply("Answer here.\n\n\(attribution)\n> old text\n> more old text")
        #expect(result.text == "Answer here.")
        #expect(result.stripped.hasPrefix(attribution))
    }

    @Test func attributionWrappedOverTwoLines() {
        let result = reply("""
            Fine by me.

            On Mon, Nov 3, 2026 at 10:12 AM Jean-Baptiste Dupont-Lefèvre <
            jean-baptiste.dupont-lefevre@example.com> wrote:

            > Shall we accept?
            """)
        #expect(result.text == "Fine by me.")
        #expect(result.stripped.contains("jean-baptiste.dupont-lefevre@example.com> wrote:"))
    }

    @Test func frenchAttributionWrappedOverThreeLines() {
        let result = reply("""
            Je maintiens ma demande.

            Le lun. 3 nov. 2026 à 10:12, Service consommateurs
            Acme Télécom <service-consommateurs@acme.example>
            a écrit :
            > Nous vous proposons un avoir.
            """)
        #expect(result.text == "Je maintiens ma demande.")
    }

    @Test func attributionWithoutQuotedLinesStillCutsWhenItHasADate() {
        // Yahoo's plain conversion: history after the attribution is not `>`-quoted.
        let result = reply("""
            I accept the offer.

            On Monday, November 3, 2026, 10:12:01 AM GMT+1, Acme <legal@acme.example> wrote:

            We propose a refund of 120 euros.
            """)
        #expect(result.text == "I accept the offer.")
        #expect(result.stripped.hasSuffix("We propose a refund of 120 euros."))
    }

    @Test func sentenceEndingInWroteIsNotAnAttribution() {
        let text = "Here is what the lawyer wrote:\nthe clause 4 is void.\nRegards"
        #expect(reply(text).text == text)
    }

    @Test func bareNameAttributionCountsOnlyAboveAQuote() {
        #expect(reply("Agreed.\n\nJean Dupont wrote:\n> Agreed?").text == "Agreed.")
        #expect(reply("Le médiateur a écrit :\nla séance est reportée.").text
            == "Le médiateur a écrit :\nla séance est reportée.")
    }

    // MARK: - Quoted lines and interleaving

    @Test func trailingQuoteWithoutAttributionIsRemoved() {
        let result = reply("My answer\n\n> the question\n> continued")
        #expect(result.text == "My answer")
        #expect(result.stripped == "> the question\n> continued")
    }

    @Test func interleavedAnswersAreKeptAndQuotedLinesRemoved() {
        let result = reply("""
            On Mon, Nov 3, 2026 at 10:12 AM Mediator <m@truce.example> wrote:
            > 1. Do you accept the date of 12 November?
            Yes.

            > 2. Do you want a video call?
            > (it is optional)
            No, by email please.

            Jean
            """)
        #expect(result.text == "Yes.\n\nNo, by email please.\n\nJean")
        #expect(result.stripped.contains("> 1. Do you accept"))
        #expect(result.stripped.contains("wrote:"))
        #expect(!result.keptFullText)
    }

    @Test func interleavedReplyWithoutAttribution() {
        let result = reply("> Question one?\nAnswer one.\n> Question two?\nAnswer two.")
        #expect(result.text == "Answer one.\n\nAnswer two.")
    }

    @Test func bottomPostingKeepsTheAnswerBelowTheQuote() {
        let result = reply("On 03/11/2026 10:12, Jean Dupont wrote:\n> Any news?\n\nNot yet, sorry.\n-- \nMarie")
        #expect(result.text == "Not yet, sorry.")
        #expect(result.stripped.hasSuffix("--\nMarie"))
    }

    @Test func quoteFollowedOnlyBySignatureIsHistory() {
        let result = reply("Thanks!\n\nOn 03/11/2026 10:12, Jean Dupont wrote:\n> Any news?\n-- \nJean")
        #expect(result.text == "Thanks!")
    }

    @Test func indentedQuoteMarksAreQuotes() {
        #expect(reply("New\n  > old\n\t> older").text == "New")
    }

    // MARK: - Outlook

    @Test func outlookOriginalMessageSeparator() {
        let result = reply("""
            Please see my answer.

            -----Original Message-----
            From: Acme Legal <legal@acme.example>
            Sent: Monday, November 3, 2026 10:12 AM
            To: Jean <j@x.fr>
            Subject: Offer
            """)
        #expect(result.text == "Please see my answer.")
        #expect(result.stripped.hasPrefix("-----Original Message-----"))
    }

    @Test(arguments: ["-----Message d'origine-----", "-----Ursprüngliche Nachricht-----",
                      "-------- Original message --------", "-------- Message d’origine --------",
                      "-----Mensaje original-----"])
    func originalMessageSeparatorsInOtherForms(_ separator: String) {
        #expect(reply("Réponse.\n\n\(separator)\nold text").text == "Réponse.")
    }

    @Test func outlookHeaderBlockUnderUnderscoreRule() {
        let result = reply("""
            Je refuse cette offre.

            ________________________________
            De : Acme Juridique <juridique@acme.example>
            Envoyé : lundi 3 novembre 2026 10:12
            À : Jean Dupont <jean@example.fr>
            Objet : Proposition
            
            Madame, Monsieur,
            """)
        #expect(result.text == "Je refuse cette offre.")
        #expect(result.stripped.hasPrefix("________________________________\nDe : Acme"))
    }

    @Test func outlookBoldHeaderBlockWithoutRule() {
        let result = reply("""
            OK for me.

            *From:* Acme Legal <legal@acme.example>
            *Sent:* Monday, November 3, 2026 10:12 AM
            *To:* Jean Dupont <jean@example.fr>
            *Subject:* Offer
            """)
        #expect(result.text == "OK for me.")
    }

    @Test func frenchHeaderBlockWithNonBreakingSpaces() {
        let result = reply("Merci.\n\nDe\u{00A0}: Acme <a@acme.example>\nEnvoyé\u{00A0}: lundi 3 novembre 2026 10:12\nÀ\u{00A0}: Jean\nObjet\u{00A0}: RE: Dossier")
        #expect(result.text == "Merci.")
    }

    @Test func aLoneFromLineIsNotAHeaderBlock() {
        let text = "From: the mediator's notes\nwe agreed on 120 euros."
        #expect(reply(text).text == text)
    }

    // MARK: - Forwards

    @Test func gmailForwardKeepsTheForwardedMail() {
        let text = """
            For the case file.

            ---------- Forwarded message ---------
            From: Acme <legal@acme.example>
            Date: Mon, Nov 3, 2026 at 10:12 AM
            Subject: Offer
            To: <jean@example.fr>

            We offer 120 euros.
            """
        let result = reply(text)
        #expect(result.text == text)
        #expect(result.stripped.isEmpty)
    }

    @Test func appleForwardInFrenchKeepsTheForwardedMail() {
        let result = reply("Pour info\n\nEnvoyé de mon iPhone\n\nDébut du message réexpédié\u{00A0}:\n\nDe: Acme <a@acme.example>\nDate: 3 novembre 2026 à 10:12:00 UTC+1\nÀ: Jean <j@x.fr>\nObjet: Offre\n\nNous proposons 120 euros.")
        #expect(result.text.hasPrefix("Pour info\n\nDébut du message réexpédié"))
        #expect(result.text.hasSuffix("Nous proposons 120 euros."))
        #expect(result.stripped == "Envoyé de mon iPhone")
    }

    @Test func forwardQuotedInsideHistoryIsHistory() {
        let result = reply("Noted.\n\nOn 03/11/2026 10:12, Jean wrote:\n> ---------- Forwarded message ---------\n> From: Acme")
        #expect(result.text == "Noted.")
    }

    // MARK: - Signatures and footers

    @Test func signatureDelimiterRemovesTheSignature() {
        let result = reply("I agree.\n\n-- \nJean Dupont\n06 12 34 56 78")
        #expect(result.text == "I agree.")
        #expect(result.stripped == "--\nJean Dupont\n06 12 34 56 78")
    }

    @Test func signatureDelimiterWithoutTrailingSpace() {
        #expect(reply("I agree.\n--\nJean").text == "I agree.")
    }

    @Test func dashesInsideALineAreNotADelimiter() {
        #expect(reply("a -- b\n--- c").text == "a -- b\n--- c")
    }

    @Test(arguments: [
        "Sent from my iPhone", "Sent from my iPad", "Sent from my Samsung Galaxy smartphone.",
        "Sent from my Android device", "Envoyé de mon iPhone", "Envoyé depuis mon smartphone Samsung Galaxy.",
        "Get Outlook for iOS<https://aka.ms/o0ukef>", "Get Outlook for Android", "Obtenir Outlook pour iOS",
        "Obtenir Outlook pour Android<https://aka.ms/AAb9ysg>", "Téléchargez Outlook pour Android",
        "Sent from Yahoo Mail on Android", "Envoyé depuis Yahoo Mail pour iPhone", "Von meinem iPhone gesendet",
        "Enviado desde mi iPhone", "Inviato da iPhone", "Verstuurd vanaf mijn iPhone", "Enviado do meu iPhone",
        "Sent from Mail for Windows",
    ])
    func mobileFootersAtTheEndAreRemoved(_ footer: String) {
        let result = reply("Je suis d'accord.\n\n\(footer)")
        #expect(result.text == "Je suis d'accord.")
        #expect(result.stripped == footer)
    }

    @Test func mobileFooterBetweenTextAndHistory() {
        let result = reply("Ok\n\nSent from my iPhone\n\n> On 3 Nov 2026, at 10:12, Jean <j@x.fr> wrote:\n> \n> Ok?")
        #expect(result.text == "Ok")
        #expect(result.stripped.hasPrefix("Sent from my iPhone"))
    }

    @Test func footerWordsInsideTheTextAreKept() {
        let text = "Sent from my iPhone, this is why my answer is short.\nAnd it is not over."
        #expect(reply(text).text == text)
    }

    @Test func longLineStartingLikeAFooterIsKept() {
        let text = "Envoyé de mon bureau ce matin, le courrier recommandé que vous demandiez est bien parti hier soir."
        #expect(reply(text).text == text)
    }

    // MARK: - Fallback and commands

    @Test func replyWithNothingNewKeepsTheFullText() {
        let body = "On Mon, Nov 3, 2026 at 10:12 AM Jean <j@x.fr> wrote:\n> Do you accept?\n"
        let result = reply(body)
        #expect(result.keptFullText)
        #expect(result.text == "On Mon, Nov 3, 2026 at 10:12 AM Jean <j@x.fr> wrote:\n> Do you accept?")
        #expect(result.stripped.isEmpty)
    }

    @Test func signatureOnlyReplyKeepsTheFullText() {
        let result = reply("\n\nSent from my iPhone\n")
        #expect(result.keptFullText)
        #expect(result.text == "Sent from my iPhone")
    }

    @Test func commandOnTheFirstLineStaysAndQuotedCommandsGo() {
        let result = reply("""
            /aside Consommateur 12, Acme
            Merci de voir ce point en aparté.

            Le lun. 3 nov. 2026 à 10:12, Médiateur <m@truce.example> a écrit :
            > /close
            > La salle sera fermée vendredi.
            """)
        #expect(result.text == "/aside Consommateur 12, Acme\nMerci de voir ce point en aparté.")
        #expect(!result.text.contains("/close"))
        #expect(result.stripped.contains("> /close"))
    }

    @Test func windowsLineEndingsAreRead() {
        let result = reply("Yes.\r\n\r\nOn 03/11/2026 10:12, Jean wrote:\r\n> Ok?\r\n")
        #expect(result.text == "Yes.")
    }

    @Test func emptyBodiesGiveAnEmptyFullText() {
        #expect(ReplyExtractor.extract(plain: nil, html: nil) == ReplyText(text: "", stripped: "", keptFullText: true))
        #expect(ReplyExtractor.extract(plain: "  \n", html: nil).keptFullText)
    }
}
