import Foundation
import Testing
@testable import MailTransport

/// Reading a multi-message `UID FETCH` answer by literal sizes, whatever the messages hold
/// and however the connection cuts the bytes.
@Suite("The batch FETCH answer reader")
struct FetchResponseReaderTests {
    /// One FETCH answer line for `body`, as Dovecot writes it.
    private func fetch(_ sequence: Int, uid: UInt32, _ body: String, uidFirst: Bool = true) -> String {
        let count = body.utf8.count
        return uidFirst
            ? "* \(sequence) FETCH (UID \(uid) BODY[] {\(count)}\r\n\(body))\r\n"
            : "* \(sequence) FETCH (BODY[] {\(count)}\r\n\(body) UID \(uid))\r\n"
    }

    /// Everything the reader makes of `answer`, fed `chunk` bytes at a time.
    private func read(_ answer: String, tag: String = "T7", chunk: Int = .max) throws -> [FetchResponseReader.Event] {
        var reader = FetchResponseReader(tag: tag)
        var events: [FetchResponseReader.Event] = []
        let bytes = Array(answer.utf8)
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + max(chunk, 1))
            reader.feed(Array(bytes[offset..<end]))
            offset = end
            while let event = try reader.next() { events.append(event) }
        } while offset < bytes.count
        return events
    }

    private let first = "From: a@consumer.test\r\nSubject: one\r\n\r\nHello\r\n"
    private let second = "From: b@consumer.test\r\nSubject: two\r\n\r\nBonjour\r\n-- \r\nB\r\n"

    @Test func readsEveryMessageThenTheCompletion() throws {
        let answer = fetch(1, uid: 41, first) + fetch(2, uid: 42, second, uidFirst: false) + "T7 OK Fetch completed.\r\n"
        #expect(try read(answer) == [
            .message(uid: 41, raw: Data(first.utf8)),
            .message(uid: 42, raw: Data(second.utf8)),
            .completed(status: "OK", text: "Fetch completed."),
        ])
    }

    @Test func aMessageCanHoldWhatLooksLikeTheEndOfTheAnswer() throws {
        // Lines that would end or derail a line-by-line reader: a closing parenthesis, an
        // untagged FETCH, the command's own tag with OK, a literal marker, a lone LF.
        let tricky = "Subject: x\r\n\r\n)\r\n* 9 FETCH (UID 99 BODY[] {3}\r\nT7 OK Fetch completed.\r\nend {12}\r\nbare\nLF\r\n"
        let answer = fetch(3, uid: 7, tricky) + fetch(4, uid: 8, first) + "T7 OK done\r\n"
        let events = try read(answer)
        #expect(events == [
            .message(uid: 7, raw: Data(tricky.utf8)),
            .message(uid: 8, raw: Data(first.utf8)),
            .completed(status: "OK", text: "done"),
        ])
    }

    @Test func anyCutOfTheBytesGivesTheSameMessages() throws {
        let tricky = "Subject: y\r\n\r\nline {5}\r\n)\r\n"
        let answer = "* 1 EXISTS\r\n" + fetch(1, uid: 5, tricky) + fetch(2, uid: 6, second) + "T7 OK done\r\n"
        let whole = try read(answer)
        for chunk in [1, 2, 3, 7, 16, 64] {
            #expect(try read(answer, chunk: chunk) == whole, "fed \(chunk) bytes at a time")
        }
        #expect(whole.count == 3)
    }

    @Test func otherUntaggedAnswersAndFlagChangesAreReadPast() throws {
        let answer = "* 3 EXISTS\r\n* 1 EXPUNGE\r\n* OK [UIDVALIDITY 5] ok\r\n* 2 FETCH (FLAGS (\\Seen) UID 12)\r\n"
            + "* 1 FETCH (UID 11 FLAGS (\\Seen $Label) RFC822.SIZE 47 BODY[] {\(first.utf8.count)}\r\n\(first) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")\r\n"
            + "T7 OK done\r\n"
        #expect(try read(answer) == [.message(uid: 11, raw: Data(first.utf8)), .completed(status: "OK", text: "done")])
    }

    @Test func aRefusalIsTheCompletion() throws {
        #expect(try read("T7 NO [SERVERBUG] Internal error\r\n") == [.completed(status: "NO", text: "[SERVERBUG] Internal error")])
        #expect(try read("t7 bad Error in IMAP command\r\n") == [.completed(status: "BAD", text: "Error in IMAP command")])
    }

    @Test func quotedAndEmptyBodiesAndNonSynchronizingLiterals() throws {
        let answer = "* 1 FETCH (UID 1 BODY[] \"a \\\"quoted\\\" body\")\r\n* 2 FETCH (UID 2 BODY[] NIL)\r\n"
            + "* 3 FETCH (UID 3 BODY[] {4+}\r\nabcd)\r\n* 4 FETCH (UID 4 BODY[] {0}\r\n)\r\nT7 OK done\r\n"
        #expect(try read(answer) == [
            .message(uid: 1, raw: Data("a \"quoted\" body".utf8)),
            .message(uid: 2, raw: Data()),
            .message(uid: 3, raw: Data("abcd".utf8)),
            .message(uid: 4, raw: Data()),
            .completed(status: "OK", text: "done"),
        ])
    }

    @Test func waitsForTheWholeLiteralBeforeAnswering() throws {
        var reader = FetchResponseReader(tag: "T1")
        reader.feed(Array("* 1 FETCH (UID 3 BODY[] {10}\r\n01234".utf8))
        #expect(try reader.next() == nil)
        reader.feed(Array("56789)\r".utf8))
        #expect(try reader.next() == nil)
        reader.feed(Array("\nT1 OK done\r\n".utf8))
        #expect(try reader.next() == .message(uid: 3, raw: Data("0123456789".utf8)))
        #expect(try reader.next() == .completed(status: "OK", text: "done"))
        #expect(try reader.next() == nil)
        #expect(reader.pendingByteCount == 0)
    }

    @Test func brokenAnswersAreErrorsNotGuesses() {
        // Another command's tag, a body without its UID, an unclosed list, a huge literal.
        #expect(throws: FetchResponseReader.Malformed.self) { try read("T6 OK old\r\n") }
        #expect(throws: FetchResponseReader.Malformed.self) { try read("* 1 FETCH (BODY[] {2}\r\nab)\r\nT7 OK\r\n") }
        #expect(throws: FetchResponseReader.Malformed.self) { try read("* 1 FETCH (UID 1 FLAGS (\\Seen\r\nT7 OK\r\n") }
        #expect(throws: FetchResponseReader.Malformed.self) {
            var reader = FetchResponseReader(tag: "T7", maximumLiteral: 100)
            reader.feed(Array("* 1 FETCH (UID 1 BODY[] {101}\r\n".utf8))
            _ = try reader.next()
        }
    }
}
