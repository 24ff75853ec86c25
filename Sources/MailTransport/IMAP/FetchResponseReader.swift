import Foundation

/// Reads the server's answer to one `UID FETCH set (UID BODY.PEEK[])` as it arrives, in
/// whatever pieces the connection delivers it: each message's UID and exact bytes, then
/// the tagged completion.
///
/// Framing follows the protocol, never the content: a line ending in `{n}` (or `{n+}`) is
/// followed by exactly n bytes of literal, whatever they hold — CRLFs, lines starting with
/// `*`, `)` or the command's own tag. Only after the literal does the response line go on.
/// Untagged answers other than FETCH (`EXISTS`, `EXPUNGE`, `OK [...]`) and FETCH answers
/// without a body (a flag change) are read past. Anything that breaks the grammar is an
/// error: the connection can no longer be trusted to be in step with the server.
struct FetchResponseReader {
    /// One thing read from the answer.
    enum Event: Equatable {
        /// One fetched message.
        case message(uid: UInt32, raw: Data)
        /// The tagged completion: `OK`, `NO` or `BAD` and the rest of the line.
        case completed(status: String, text: String)
    }

    /// Why an answer could not be read.
    struct Malformed: Error, Equatable {
        var reason: String
    }

    /// The tag of the command whose answer is being read; set to the next one's when
    /// several commands were sent together.
    var tag: String
    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer`; the consumed prefix is dropped in bulk.
    private var start = 0
    /// The largest literal accepted: far above any message the gateway keeps.
    let maximumLiteral: Int

    init(tag: String, maximumLiteral: Int = 1 << 30) {
        self.tag = tag
        self.maximumLiteral = maximumLiteral
    }

    /// Bytes still buffered and not yet read as a whole response.
    var pendingByteCount: Int { buffer.count - start }

    /// Adds bytes as they came from the connection.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// The next event, or nil when the bytes buffered do not yet hold a whole response.
    mutating func next() throws(Malformed) -> Event? {
        while let end = try responseEnd() {
            let response = start..<end
            start = end
            if let event = try read(response) { return event }
        }
        return nil
    }

    // MARK: Framing

    /// The end (after its final CRLF) of the response starting at `start`, when all of it,
    /// literals included, is buffered.
    private func responseEnd() throws(Malformed) -> Int? {
        var position = start
        while true {
            guard let lineFeed = index(of: 0x0A, from: position) else { return nil }
            guard let literal = try literalLength(endingLineAt: lineFeed) else { return lineFeed + 1 }
            let literalEnd = lineFeed + 1 + literal
            guard literalEnd <= buffer.count else { return nil }
            position = literalEnd
        }
    }

    private func index(of byte: UInt8, from position: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes -> Int? in
            var index = position
            while index < bytes.count {
                if bytes[index] == byte { return index }
                index += 1
            }
            return nil
        }
    }

    /// The n of a `{n}` or `{n+}` that ends the line whose LF is at `lineFeed`.
    private func literalLength(endingLineAt lineFeed: Int) throws(Malformed) -> Int? {
        var close = lineFeed - 1
        if close >= start, buffer[close] == 0x0D { close -= 1 }
        guard close >= start, buffer[close] == UInt8(ascii: "}") else { return nil }
        var digitEnd = close
        if digitEnd - 1 >= start, buffer[digitEnd - 1] == UInt8(ascii: "+") { digitEnd -= 1 }
        var open = digitEnd - 1
        while open >= start, isDigit(buffer[open]) { open -= 1 }
        guard open >= start, buffer[open] == UInt8(ascii: "{"), open + 1 < digitEnd else { return nil }
        guard digitEnd - open - 1 <= 10, let length = Int(ascii: buffer[(open + 1)..<digitEnd]),
              length <= maximumLiteral
        else {
            throw Malformed(reason: "a literal of more than \(maximumLiteral) bytes")
        }
        return length
    }

    // MARK: Reading one response

    private func read(_ range: Range<Int>) throws(Malformed) -> Event? {
        var cursor = Cursor(buffer: buffer, position: range.lowerBound, end: range.upperBound)
        if cursor.skip("* ") {
            guard cursor.number() != nil, cursor.skip(" "), cursor.skipWord("FETCH"), cursor.skip(" ") else {
                return nil  // EXISTS, EXPUNGE, OK [...], FLAGS, …: nothing the fetch needs
            }
            return try readFetch(&cursor)
        }
        if cursor.skip(tag), cursor.skip(" ") {
            let status = cursor.atom().uppercased()
            _ = cursor.skip(" ")
            return .completed(status: status, text: cursor.restOfLine())
        }
        throw Malformed(reason: "an answer line that is neither untagged nor tagged \(tag): \(cursor.restOfLine().prefix(80))")
    }

    /// `(UID 7 BODY[] {n}…)`: the items in any order, unknown ones read past.
    private func readFetch(_ cursor: inout Cursor) throws(Malformed) -> Event? {
        guard cursor.skip("(") else { throw Malformed(reason: "a FETCH answer without its item list") }
        var uid: UInt32?
        var body: Data?
        var first = true
        while !cursor.skip(")") {
            if !first, !cursor.skip(" ") { throw Malformed(reason: "FETCH items not separated by a space") }
            first = false
            let name = cursor.itemName().uppercased()
            guard !name.isEmpty, cursor.skip(" ") else { throw Malformed(reason: "a FETCH item without a value") }
            switch name {
            case "UID":
                guard let number = cursor.number(), let value = UInt32(exactly: number) else {
                    throw Malformed(reason: "a UID that is not a number")
                }
                uid = value
            case "BODY[]", "RFC822", "BINARY[]":
                body = try cursor.string()
            default:
                try cursor.skipValue()
            }
        }
        guard let body else { return nil }  // an unsolicited flag change
        guard let uid else { throw Malformed(reason: "a fetched message without its UID") }
        return .message(uid: uid, raw: body)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// A position in one buffered response, with the few readers IMAP's grammar needs.
private struct Cursor {
    let buffer: [UInt8]
    var position: Int
    let end: Int

    private var current: UInt8? { position < end ? buffer[position] : nil }

    /// Skips `text` when it comes next (ASCII, case-insensitive).
    mutating func skip(_ text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < end, lowered(buffer[index]) == lowered(byte) else { return false }
            index += 1
        }
        position = index
        return true
    }

    /// Skips `word` only as a whole atom.
    mutating func skipWord(_ word: String) -> Bool {
        let saved = position
        guard skip(word), current.map({ !isAtomByte($0) }) ?? true else {
            position = saved
            return false
        }
        return true
    }

    mutating func number() -> UInt64? {
        let from = position
        while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1 }
        return from < position ? UInt64(ascii: buffer[from..<position]) : nil
    }

    mutating func atom() -> String {
        let from = position
        while let byte = current, isAtomByte(byte) { position += 1 }
        return String(decoding: buffer[from..<position], as: UTF8.self)
    }

    /// An item name such as `UID`, `BODY[]` or `BODY[HEADER.FIELDS (FROM)]<0>`: an atom
    /// whose bracketed section may hold spaces and parentheses. Also reads the atoms,
    /// numbers and flags of values.
    mutating func itemName() -> String {
        let from = position
        var depth = 0
        // A system flag (`\Seen`) is an atom behind a backslash.
        if current == UInt8(ascii: "\\") { position += 1 }
        while let byte = current {
            if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if depth == 0, !isAtomByte(byte) {
                break
            } else if byte == 0x0D || byte == 0x0A {
                break
            }
            position += 1
        }
        return String(decoding: buffer[from..<position], as: UTF8.self)
    }

    /// A literal, a quoted string or NIL (as empty) — the forms of a body.
    mutating func string() throws(FetchResponseReader.Malformed) -> Data {
        if current == UInt8(ascii: "{") {
            return Data(buffer[try literal()])
        }
        if current == UInt8(ascii: "\"") {
            return Data(try quoted())
        }
        if skipWord("NIL") { return Data() }
        throw FetchResponseReader.Malformed(reason: "a body that is neither a literal nor a string")
    }

    /// `{n}CRLF` then n bytes: the range of those bytes. The framing already checked that
    /// all of them are buffered.
    mutating func literal() throws(FetchResponseReader.Malformed) -> Range<Int> {
        position += 1
        guard let length = number() else { throw FetchResponseReader.Malformed(reason: "a literal without its length") }
        _ = skip("+")
        guard skip("}") else { throw FetchResponseReader.Malformed(reason: "a literal length not closed by }") }
        _ = skip("\r")
        guard skip("\n"), position + Int(length) <= end else {
            throw FetchResponseReader.Malformed(reason: "a literal cut short")
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    mutating func quoted() throws(FetchResponseReader.Malformed) -> [UInt8] {
        position += 1
        var bytes: [UInt8] = []
        while let byte = current {
            position += 1
            if byte == UInt8(ascii: "\"") { return bytes }
            if byte == UInt8(ascii: "\\"), let escaped = current {
                position += 1
                bytes.append(escaped)
            } else {
                bytes.append(byte)
            }
        }
        throw FetchResponseReader.Malformed(reason: "a quoted string not closed")
    }

    /// Reads past one value: an atom or number, a string, a literal, or a list of these.
    mutating func skipValue() throws(FetchResponseReader.Malformed) {
        switch current {
        case UInt8(ascii: "("):
            position += 1
            while !skip(")") {
                guard current != nil else { throw FetchResponseReader.Malformed(reason: "a list not closed") }
                if !skip(" ") { try skipValue() }
            }
        case UInt8(ascii: "{"):
            _ = try literal()
        case UInt8(ascii: "\""):
            _ = try quoted()
        default:
            guard !itemName().isEmpty else {
                throw FetchResponseReader.Malformed(reason: "an unreadable FETCH value")
            }
        }
    }

    func restOfLine() -> String {
        var stop = end
        while stop > position, buffer[stop - 1] == 0x0A || buffer[stop - 1] == 0x0D { stop -= 1 }
        return String(decoding: buffer[position..<stop], as: UTF8.self)
    }

    private func isAtomByte(_ byte: UInt8) -> Bool {
        // RFC 3501 atom-specials: ( ) { SP CTL % * " \ ]
        switch byte {
        case 0x00...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "%"),
             UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default:
            return true
        }
    }

    private func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}

private extension FixedWidthInteger {
    /// Decimal digits as a number; nil when empty or too large.
    init?(ascii digits: ArraySlice<UInt8>) {
        guard !digits.isEmpty else { return nil }
        var value: Self = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Self(digit - 0x30))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
        }
        self = value
    }
}
