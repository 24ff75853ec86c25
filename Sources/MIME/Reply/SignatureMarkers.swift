import Foundation

// Signature and mobile-footer lines: removed from the end of what the person wrote.

enum SignatureMarkers {
    /// The RFC 3676 delimiter "-- ", also without its trailing space, which many
    /// clients and copy-pastes lose.
    static func isDelimiter(_ line: MailLine) -> Bool {
        var text = line.raw
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text == "--"
    }

    /// Footers that phone and webmail clients add on one line, matched by how they start.
    private static let footerOpenings = [
        "sent from my ", "sent from outlook", "sent from mail for windows", "sent from yahoo mail",
        "sent from the all new aol app", "sent from aol mobile mail", "sent from samsung", "sent via the samsung",
        "sent with proton mail", "sent with protonmail", "sent from proton mail", "sent from gmail mobile",
        "get outlook for ios", "get outlook for android",
        "envoyé de mon ", "envoyé depuis mon ", "envoyé depuis yahoo mail", "envoyé de yahoo mail",
        "envoyé depuis outlook", "envoyé à partir de outlook", "envoyé à partir de courrier pour windows",
        "envoyé avec proton mail", "obtenir outlook pour ios", "obtenir outlook pour android",
        "téléchargez outlook pour ", "télécharger outlook pour ",
        "von meinem ", "gesendet von meinem ", "gesendet von outlook", "outlook für ios beziehen",
        "outlook für android herunterladen",
        "enviado desde mi ", "enviado desde outlook", "enviado do meu ", "enviado de meu ", "obtener outlook para ",
        "inviato da ", "inviato dal mio ", "scarica outlook per ",
        "verstuurd vanaf mijn ", "verzonden vanaf mijn ", "verzonden met ", "outlook voor ios downloaden",
    ]

    /// Longer lines are sentences the person wrote, whatever they start with.
    private static let footerMaxLength = 90

    static func isMobileFooter(_ line: MailLine) -> Bool {
        var lowered = line.lowered
        // A footer's link, as HTML conversion writes it ("… Android <https://…>"), is
        // not part of its wording and can be longer than the footer itself.
        if lowered.hasSuffix(">"), let open = lowered.lastIndex(of: "<") {
            lowered = lowered[..<open].trimmingBlanks()
        }
        guard !lowered.isEmpty, footerOpenings.contains(where: { lowered.hasPrefix($0) }) else { return false }
        return lowered.count <= footerMaxLength
    }
}
