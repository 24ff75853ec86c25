import Testing
@testable import Mediation

@Suite("Screening")
struct ScreeningTests {
    let screening = Screening(gateway: Fixture.gateway)
    let ordinary: HeaderFields = [
        (name: "From", value: "Jean Dupont <jean@example.fr>"),
        (name: "Subject", value: "Re: Remboursement"),
        (name: "Content-Type", value: "text/plain; charset=utf-8"),
        (name: "X-Auto-Response-Suppress", value: "All"),
        (name: "Auto-Submitted", value: "no"),
    ]

    func screen(_ extra: HeaderFields, subject: String? = nil, returnPath: String? = "<jean@example.fr>", from: String = "jean@example.fr") -> ScreeningVerdict? {
        var headers = ordinary.filter { subject == nil || $0.name != "Subject" }
        if let subject { headers.append((name: "Subject", value: subject)) }
        return screening.screen(headers: headers + extra, returnPath: returnPath, from: from)
    }

    @Test("header names are found in any case, first one first, and only whole names match")
    func headerLookup() {
        let headers: HeaderFields = [
            (name: "PRECEDENCE", value: "bulk"), (name: "Precedence-X", value: "junk"), (name: "precedence", value: "list"),
        ]
        #expect(headers.first("Precedence") == "bulk")
        #expect(headers.values(of: "precedence") == ["bulk", "list"])
        #expect(headers.first("Precedenc") == nil)
        #expect(headers.first("Précédence") == nil)
    }

    @Test("ordinary mail, even from Outlook with X-Auto-Response-Suppress, passes")
    func ordinaryMail() {
        #expect(screen([]) == nil)
        #expect(screen([], subject: "Absence de réponse de la société") == nil)
        #expect(screen([], subject: "Re: Out of office hours support") == nil)
    }

    @Test("bounces: null return path, daemon senders, delivery reports")
    func bounces() {
        #expect(screen([], returnPath: "<>") == .bounce)
        #expect(screen([], returnPath: "") == .bounce)
        #expect(screen([], from: "MAILER-DAEMON@mx.example.org") == .bounce)
        #expect(screen([], from: "postmaster@example.org") == .bounce)
        let report: HeaderFields = [(name: "Content-Type", value: "Multipart/Report; report-type=delivery-status")]
        #expect(screening.screen(headers: report, returnPath: "<x@y.example>", from: "x@y.example") == .bounce)
    }

    @Test("without an envelope, the Return-Path header is read")
    func returnPathHeader() {
        #expect(screen([(name: "Return-Path", value: "<>")], returnPath: nil) == .bounce)
        #expect(screen([(name: "Return-Path", value: "<jean@example.fr>")], returnPath: nil) == nil)
    }

    @Test("auto-reply headers", arguments: [
        ("Auto-Submitted", "auto-replied"),
        ("auto-submitted", "auto-generated; foo=bar"),
        ("X-Autoreply", "yes"),
        ("X-Autorespond", "Out of office"),
        ("Precedence", "bulk"),
        ("Precedence", "junk"),
        ("Precedence", "list"),
        ("Precedence", "auto_reply"),
    ])
    func autoReplyHeaders(name: String, value: String) {
        let headers = ordinary.filter { $0.name != "Auto-Submitted" } + [(name: name, value: value)]
        #expect(screening.screen(headers: headers, returnPath: "<a@b.example>", from: "a@b.example") == .autoReply)
    }

    @Test("out-of-office subjects in French and English", arguments: [
        "Out of Office: Re: Remboursement", "Automatic reply: Remboursement", "Réponse automatique : Remboursement",
        "Absent du bureau", "Message d'absence", "Message d’absence", "RÉPONSE AUTOMATIQUE", "Auto-Reply: hello",
    ])
    func definiteSubjects(subject: String) {
        let headers: HeaderFields = [(name: "Subject", value: subject)]
        #expect(screening.screen(headers: headers, returnPath: "<a@b.example>", from: "a@b.example") == .autoReply)
    }

    @Test("weak subjects count only with X-Auto-Response-Suppress", arguments: ["Auto: Remboursement", "Absence", "Absent : retour le 3", "OOO - back Monday"])
    func weakSubjects(subject: String) {
        let plain: HeaderFields = [(name: "Subject", value: subject)]
        #expect(screening.screen(headers: plain, returnPath: "<a@b.example>", from: "a@b.example") == nil)
        let outlook = plain + [(name: "X-Auto-Response-Suppress", value: "DR, OOF, AutoReply")]
        #expect(screening.screen(headers: outlook, returnPath: "<a@b.example>", from: "a@b.example") == .autoReply)
    }

    @Test("our own mail coming back is a loop")
    func loops() {
        #expect(screen([(name: "X-Truce-Loop", value: "truce@mediation.test")]) == .loop)
        #expect(screen([(name: "x-truce-loop", value: "TRUCE@Mediation.Test")]) == .loop)
        #expect(screen([], from: "truce+abc@mediation.test") == .loop)
        #expect(screen([], from: "truce@mediation.test") == .loop)
        #expect(screen([(name: "X-Truce-Loop", value: "other@elsewhere.example")]) == nil)
    }

    @Test("each verdict maps to its hold reason")
    func holdReasons() {
        #expect(ScreeningVerdict.bounce.holdReason == .bounce)
        #expect(ScreeningVerdict.autoReply.holdReason == .autoReply)
        #expect(ScreeningVerdict.loop.holdReason == .loop)
    }
}

@Suite("Authentication-Results")
struct AuthenticationTests {
    let policy = AuthenticationPolicy(trustedAuthservID: "mx.mediation.test")

    func verdict(_ values: String...) -> AuthenticationPolicy.Verdict {
        policy.verdict(headers: values.map { (name: "Authentication-Results", value: $0) })
    }

    @Test("parses methods, versions and comments")
    func parse() throws {
        let results = try #require(AuthenticationResults.parse(
            "MX.Mediation.Test 1; spf=pass (sender is ok; really) smtp.mailfrom=a@b.example; dkim/1=FAIL header.d=b.example; dkim=pass header.d=b.example; dmarc=none"))
        #expect(results.authservID == "mx.mediation.test")
        #expect(results.results == ["spf": "pass", "dkim": "pass", "dmarc": "none"])
        #expect(AuthenticationResults.parse("") == nil)
    }

    @Test("dmarc=fail is refused")
    func dmarcFail() {
        #expect(verdict("mx.mediation.test; spf=pass; dkim=pass; dmarc=fail") == .refuse(detail: "dmarc=fail"))
    }

    @Test("spf=fail is refused unless DKIM passed")
    func spfFail() {
        #expect(verdict("mx.mediation.test; spf=fail; dkim=none") == .refuse(detail: "spf=fail, dkim=none"))
        #expect(verdict("mx.mediation.test; spf=fail; dkim=pass") == .accept)
    }

    @Test("headers from other servers are ignored, and only our topmost one counts")
    func onlyTrusted() {
        #expect(verdict("evil.example; dmarc=fail") == .accept)
        #expect(verdict("mx.mediation.test; spf=fail", "mx.mediation.test; dkim=pass") == .refuse(detail: "spf=fail, dkim=none"))
        #expect(verdict("mx.mediation.test; spf=pass", "mx.mediation.test; dmarc=fail") == .accept)
    }

    @Test("without a trusted authserv-id nothing is refused")
    func untrusted() {
        let open = AuthenticationPolicy(trustedAuthservID: nil)
        #expect(open.verdict(headers: [(name: "Authentication-Results", value: "mx.mediation.test; dmarc=fail")]) == .accept)
    }
}
