import CCurl
import Foundation
import Testing
@testable import MailTransport

@Suite("What a failed transfer means")
struct FailureClassificationTests {
    let imap = ServerContext(protocolName: "IMAP", url: "imaps://127.0.0.1:2993", username: "truce@mediation.test", caFile: "/x/ca.crt", settingPrefix: "imap")
    let smtp = ServerContext(protocolName: "SMTP", url: "smtp://127.0.0.1:2525", username: nil, caFile: nil, settingPrefix: "smtp")
    let envelope = Envelope(sender: "bounces@mediation.test", recipient: "x@nowhere.invalid", message: Data("Subject: x\r\n\r\nhi\r\n".utf8))

    @Test func refusedConnectionIsRetriedAndSaysWhy() {
        let error = CurlFailure(code: CURLE_COULDNT_CONNECT, curlText: "Failed to connect", osErrno: 111).transportError(at: smtp)
        #expect(error.disposition == .retry)
        #expect(error.message == "cannot connect to 127.0.0.1:2525 (connection refused): is the mail server running?")
    }

    @Test func timeoutAndBrokenConnectionAreRetried() {
        for code in [CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING] {
            #expect(CurlFailure(code: code).transportError(at: imap).disposition == .retry)
        }
    }

    @Test func refusedLoginNamesUserAndHost() {
        let failure = CurlFailure(code: CURLE_LOGIN_DENIED, serverLines: ["A001 NO [AUTHENTICATIONFAILED] Authentication failed."])
        let error = failure.transportError(at: imap)
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.hasPrefix("IMAP login refused for truce@mediation.test at 127.0.0.1:2993"))
        #expect(error.message.hasSuffix("check imap.user and imap.password"))
    }

    @Test func unverifiedCertificateNamesTheCAFile() {
        let error = CurlFailure(code: CURLE_PEER_FAILED_VERIFICATION, curlText: "SSL certificate problem").transportError(at: imap)
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.hasPrefix("TLS certificate of 127.0.0.1:2993 could not be verified with CA file /x/ca.crt"))
        #expect(error.message.hasSuffix("check tls.ca_file"))
    }

    @Test func badURLAndMissingSTARTTLSAreConfiguration() {
        for code in [CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_USE_SSL_FAILED, CURLE_SSL_CACERT_BADFILE] {
            #expect(CurlFailure(code: code).transportError(at: imap).disposition == .fixConfiguration)
        }
    }

    @Test func refusedRecipientIsFinalWithTheServersWords() {
        let failure = CurlFailure(
            code: CURLE_SEND_ERROR, curlText: "RCPT failed: 554", responseCode: 554,
            serverLines: ["250 2.1.0 Ok", "554 5.7.1 <x@nowhere.invalid>: Relay access denied", "221 2.0.0 Bye"]
        )
        let error = SMTPVerdict.refusal(failure, envelope: envelope, server: smtp)
        #expect(error.disposition == .giveUp)
        #expect(error.serverCode == 554)
        #expect(error.message == "127.0.0.1:2525 refused recipient x@nowhere.invalid: 554 5.7.1 <x@nowhere.invalid>: Relay access denied")
    }

    @Test func temporaryRefusalIsRetried() {
        let failure = CurlFailure(code: CURLE_SEND_ERROR, curlText: "RCPT failed: 451", serverLines: ["451 4.3.0 <x@y>: Temporary lookup failure", "221 2.0.0 Bye"])
        let error = SMTPVerdict.refusal(failure, envelope: envelope, server: smtp)
        #expect(error.disposition == .retry)
        #expect(error.serverCode == 451)
    }

    @Test func authenticationDemandIsConfiguration() {
        let failure = CurlFailure(code: CURLE_SEND_ERROR, curlText: "MAIL failed: 530", serverLines: ["530 5.7.0 Must issue a STARTTLS command first"])
        let error = SMTPVerdict.refusal(failure, envelope: envelope, server: smtp)
        #expect(error.disposition == .fixConfiguration)
        #expect(error.message.contains("refused sender <bounces@mediation.test>"))
    }

    @Test func networkFailureBeforeAnyReplyIsJudgedByCurl() {
        let failure = CurlFailure(code: CURLE_COULDNT_CONNECT, osErrno: 111)
        #expect(SMTPVerdict.refusal(failure, envelope: envelope, server: smtp).disposition == .retry)
    }

    @Test func multiLineRepliesAreGrouped() {
        let lines = ["220 mx ESMTP", "250-mx", "250-PIPELINING", "250 SMTPUTF8", "250 2.0.0 Ok: queued as ABC", "221 2.0.0 Bye"]
        let replies = SMTPReply.replies(in: lines)
        #expect(replies.map(\.code) == [220, 250, 250, 221])
        #expect(replies[1].lines.count == 3)
        #expect(SMTPReply.acceptance(in: lines)?.text == "250 2.0.0 Ok: queued as ABC")
        #expect(SMTPReply.refusal(in: lines) == nil)
    }

    @Test func serverAddressUsesTheSchemesDefaultPort() {
        #expect(ServerContext.address(of: "imaps://mail.example.org") == "mail.example.org:993")
        #expect(ServerContext.address(of: "smtp://127.0.0.1:2525/") == "127.0.0.1:2525")
    }
}
