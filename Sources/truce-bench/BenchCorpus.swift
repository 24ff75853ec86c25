// Generates the benchmark corpus: a deterministic mix of the mail the gateway meets.
// Mostly short French and English replies with quoted history (plain, plain+HTML,
// HTML-only), Outlook-style Windows-1252 quoted-printable mail, encoded headers, and a
// tail of messages with attachments from a few KB to about a megabyte.
import Foundation
import MIME

struct BenchRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum BenchCorpus {
    static let frenchLines = [
        "Bonjour,", "Merci pour votre retour rapide.", "J'accepte la proposition de la société, sous réserve du délai.",
        "Je refuse l'offre : 120 € ne couvre pas les frais engagés.", "Pouvez-vous préciser la date du remboursement ?",
        "Ci-joint la facture et le bon de commande.", "Cordialement,", "Bien à vous,", "Envoyé de mon iPhone",
        "La médiation est ouverte pendant trente jours ; chacun peut se retirer à tout moment.",
    ]
    static let englishLines = [
        "Hi,", "Thanks for the quick answer.", "I accept the offer as long as the refund arrives this month.",
        "I decline: the amount does not cover my costs.", "Could you confirm the date of the refund?",
        "Attached are the invoice and the order form.", "Best regards,", "Sent from my iPhone",
    ]
    static let names = ["Zoë Dupré", "Jean-Pierre Martin", "Renée Lefèvre", "Claire Petit", "John Smith", "Ana Müller", "Luc Fontaine", "Élodie Roux"]

    static func paragraph(_ rng: inout BenchRandom, french: Bool, lines: Int) -> String {
        let pool = french ? frenchLines : englishLines
        return (0..<lines).map { _ in pool.randomElement(using: &rng)! }.joined(separator: "\n")
    }

    static func quotedHistory(_ rng: inout BenchRandom, french: Bool) -> String {
        let attribution = french ? "Le sam. 28 nov. 2026 à 15:34, Truce <truce+r1@truce.example> a écrit :" : "On Sat, Nov 28, 2026 at 3:34 PM Truce <truce+r1@truce.example> wrote:"
        let quoted = paragraph(&rng, french: french, lines: Int.random(in: 3...25, using: &rng))
            .split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        return "\n\n" + attribution + "\n" + quoted + "\n"
    }

    static func message(_ index: Int, _ rng: inout BenchRandom) -> Data {
        let french = Bool.random(using: &rng)
        let kind = Int.random(in: 0..<100, using: &rng)
        if kind < 12 { return outlookWindows1252(index, &rng) }
        var b = MessageBuilder()
        b.from = MailAddress(name: names.randomElement(using: &rng)!, address: "user\(index)@exemple.fr")
        b.to = [MailAddress(name: "Truce – Dossier \(index % 40)", address: "truce+r\(index)@truce.example")]
        if Int.random(in: 0..<4, using: &rng) == 0 {
            b.cc = (0..<Int.random(in: 1...5, using: &rng)).map { MailAddress(name: names.randomElement(using: &rng)!, address: "cc\($0)@example.com") }
        }
        b.subject = (french ? "Re: [Truce #\(index % 40)] Proposition de règlement n°\(index)" : "Re: [Truce #\(index % 40)] Settlement offer \(index)")
        b.messageID = "bench.\(index)@exemple.fr"
        b.inReplyTo = ["case.\(index % 40).room@truce.example"]
        b.references = (0..<Int.random(in: 1...8, using: &rng)).map { "case.\(index % 40).\($0)@truce.example" }
        b.date = Date(timeIntervalSince1970: 1_795_000_000 + TimeInterval(index * 37))
        let body = paragraph(&rng, french: french, lines: Int.random(in: 2...12, using: &rng)) + quotedHistory(&rng, french: french)
        b.text = body
        if kind < 55 {
            b.html = "<div dir=\"ltr\">" + body.split(separator: "\n").map { "<div>\($0)</div>" }.joined() + "</div>"
        }
        if kind >= 75 {
            // Attachments: mostly small, some medium, a few close to a megabyte.
            let size = kind >= 98 ? Int.random(in: 300_000...1_000_000, using: &rng)
                : kind >= 90 ? Int.random(in: 30_000...120_000, using: &rng)
                : Int.random(in: 1_000...20_000, using: &rng)
            var bytes = [UInt8](repeating: 0, count: size)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            let filename = french ? "Facture n°\(index) – \(names.randomElement(using: &rng)!).pdf" : "invoice-\(index).pdf"
            b.attachments = [OutgoingAttachment(filename: filename, contentType: "application/pdf", data: Data(bytes))]
        }
        var data = (try? b.build()) ?? Data()
        if kind >= 55, kind < 65 {
            // HTML-only: drop the text alternative by building an HTML body alone.
            data = htmlOnly(index, body: body)
        }
        return data
    }

    static func outlookWindows1252(_ index: Int, _ rng: inout BenchRandom) -> Data {
        let body = paragraph(&rng, french: true, lines: Int.random(in: 3...10, using: &rng))
        let qp = body.unicodeScalars.map { s -> String in
            if s == "\n" { return "\r\n" }
            if s.value < 0x80, s != "=" { return String(s) }
            let byte: UInt8 = s == "€" ? 0x80 : s == "’" ? 0x92 : UInt8(truncatingIfNeeded: s.value)
            return String(format: "=%02X", byte)
        }.joined()
        let text = """
        From: "Martin, Jean-Pierre" <jp.martin\(index)@societe-exemple.fr>\r
        To: "truce+c\(index)@truce.example" <truce+c\(index)@truce.example>\r
        Subject: =?Windows-1252?Q?RE:_Dossier_\(index)_=96_r=E9ponse_de_la_soci=E9t=E9?=\r
        Date: Mon, 30 Nov 2026 09:05:44 +0000\r
        Message-ID: <AM6PR08MB\(index)@AM6PR08MB1234.eurprd08.prod.outlook.com>\r
        Content-Type: text/plain; charset="Windows-1252"\r
        Content-Transfer-Encoding: quoted-printable\r
        MIME-Version: 1.0\r
        \r
        \(qp)\r
        \r
        ________________________________\r
        De : Truce <truce+c\(index)@truce.example>\r
        Envoy=E9 : samedi 28 novembre 2026 15:34\r
        Objet : Dossier \(index)\r
        \r
        Monsieur, pouvez-vous pr=E9ciser votre offre ?\r

        """
        return Data(text.utf8)
    }

    static func htmlOnly(_ index: Int, body: String) -> Data {
        let html = "<html><head><style>p{margin:0}</style></head><body>" + body.split(separator: "\n").map { "<p>\($0)</p>" }.joined() + "</body></html>"
        let encoded = Data(html.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let text = """
        From: =?utf-8?q?Boutique_Exemple?= <no-reply@boutique-exemple.com>\r
        To: client\(index)@exemple.fr\r
        Subject: =?utf-8?B?\(Data("Votre commande n°\(index) est expédiée".utf8).base64EncodedString())?=\r
        Date: Sat, 05 Dec 2026 12:00:00 +0000\r
        Message-ID: <order-\(index)@boutique-exemple.com>\r
        MIME-Version: 1.0\r
        Content-Type: text/html; charset=utf-8\r
        Content-Transfer-Encoding: base64\r
        \r
        \(encoded)\r

        """
        return Data(text.utf8)
    }
}
