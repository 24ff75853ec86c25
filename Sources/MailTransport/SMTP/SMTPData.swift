import Foundation

/// The DATA phase of a transaction as it goes on the wire, for the client that writes it
/// itself (`SMTPPipeline`).
enum SMTPData {
    /// The message with every line ended by CRLF, a dot doubled at the start of any line
    /// (RFC 5321 4.5.2), then the lone dot that ends the data.
    ///
    /// A bare CR or LF becomes CRLF: servers disagree on what a bare LF ends, and a
    /// message must never be able to end the data early (or start a second, smuggled one)
    /// by a `\n.\n` that one server reads as the end and another does not.
    static func encoded(_ message: Data) -> Data {
        var out = Data(capacity: message.count + message.count / 64 + 8)
        message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, dot: UInt8 = 0x2E
            var atLineStart = true
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == cr || byte == lf {
                    out.append(cr)
                    out.append(lf)
                    // CRLF is one line end; a CR or LF alone is one too.
                    index += (byte == cr && index + 1 < count && bytes[index + 1] == lf) ? 2 : 1
                    atLineStart = true
                    continue
                }
                if atLineStart && byte == dot { out.append(dot) }
                // Copy the rest of the line at once.
                var end = index
                while end < count, bytes[end] != cr, bytes[end] != lf { end += 1 }
                out.append(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + index, count: end - index)
                index = end
                atLineStart = false
            }
            if !atLineStart { out.append(contentsOf: [cr, lf]) }
        }
        out.append(contentsOf: Array(".\r\n".utf8))
        return out
    }

    /// The refusal of an envelope whose addresses cannot be written into a command, before
    /// anything is sent; nil for a sound one.
    static func refusalOfUnsafe(_ envelope: Envelope) -> TransportError? {
        guard unsafeAddress(envelope.sender) || unsafeAddress(envelope.recipient) else { return nil }
        return TransportError(.giveUp, message: "the envelope for \(envelope.recipient.debugDescription) holds a line break or an angle bracket in an address: not sent")
    }

    /// Whether an address cannot be written into a command: a line break or an angle
    /// bracket would end the command and start another (command injection).
    static func unsafeAddress(_ address: String) -> Bool {
        address.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }
}
