import Testing
@testable import MailTransport

@Suite("Reading IMAP answers and naming messages")
struct IMAPParsingTests {
    @Test func uidSetsCompressRuns() {
        #expect(IMAPAddressing.uidSet([3]) == "3")
        #expect(IMAPAddressing.uidSet([9, 1, 2, 3, 7, 10, 3]) == "1:3,7,9:10")
        #expect(IMAPAddressing.uidSet([]) == "")
    }

    @Test func statusNumbersAreRead() {
        let text = "* STATUS INBOX (MESSAGES 3 UIDNEXT 42 UIDVALIDITY 1700000000)\r\n"
        #expect(IMAPResponse.status(from: text) == MailboxStatus(uidValidity: 1_700_000_000, uidNext: 42, messages: 3))
    }

    @Test func statusOfAQuotedNameWithParenthesesIsRead() {
        let text = "* STATUS \"Case (1)\" (UIDVALIDITY 7 MESSAGES 0 UIDNEXT 1)\r\n"
        #expect(IMAPResponse.status(from: text) == MailboxStatus(uidValidity: 7, uidNext: 1, messages: 0))
    }

    @Test func statusWithoutUIDNEXTIsRefused() {
        #expect(IMAPResponse.status(from: "* STATUS INBOX (MESSAGES 3 UIDVALIDITY 1)\r\n") == nil)
    }

    @Test func searchUIDsAreReadAcrossLines() {
        #expect(IMAPResponse.searchUIDs(from: "* SEARCH 4 7 9\r\n* SEARCH 12\r\n") == [4, 7, 9, 12])
        #expect(IMAPResponse.searchUIDs(from: "* SEARCH\r\n") == [])
        #expect(IMAPResponse.searchUIDs(from: "") == [])
    }

    @Test func searchLineCutShortIsRefused() {
        #expect(IMAPResponse.searchUIDs(from: "* SEARCH 4 7 9xq\r\n") == nil)
    }

    @Test func messageURLUsesTheUIDForm() {
        #expect(IMAPAddressing.messageURL(base: "imaps://127.0.0.1:2993/", mailbox: "INBOX", uid: 42) == "imaps://127.0.0.1:2993/INBOX/;UID=42")
        #expect(IMAPAddressing.mailboxURL(base: "imap://h", mailbox: "Cases/Done 1") == "imap://h/Cases%2FDone%201")
        #expect(IMAPAddressing.serverURL(base: "imap://h:143") == "imap://h:143/")
    }

    @Test func mailboxNamesAreQuotedForCommands() {
        #expect(IMAPAddressing.quoted("Processed") == "\"Processed\"")
        #expect(IMAPAddressing.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(!IMAPAddressing.isUsableName("Traité"))
        #expect(!IMAPAddressing.isUsableName("a\r\nb"))
    }

    @Test func windowsCoverEveryUIDBelowUIDNEXTOnce() {
        #expect(UIDWindows.covering(after: 0, uidNext: 11, size: 4) == [1...4, 5...8, 9...10])
        #expect(UIDWindows.covering(after: 10, uidNext: 11, size: 4) == [])
        #expect(UIDWindows.covering(after: 12, uidNext: 11, size: 4) == [])
        #expect(UIDWindows.covering(after: 3, uidNext: 5, size: 500) == [4...4])
        // Never wider than libcurl can read back whole.
        #expect(UIDWindows.covering(after: 0, uidNext: 2001, size: 100_000) == [1...700, 701...1400, 1401...2000])
        #expect(UIDWindows.covering(after: UInt32.max - 3, uidNext: UInt32.max, size: 2) == [(UInt32.max - 2)...(UInt32.max - 1)])
    }
}
