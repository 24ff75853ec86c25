/// One SMTP reply: a three-digit code and its lines (`250-…` continuations, then `250 …`).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// The reply as the server wrote it, lines joined with a space.
    var text: String { lines.joined(separator: " ") }

    /// Groups protocol lines into replies; lines that do not start with a code are
    /// dropped (libcurl also passes its own notes through the header callback).
    static func replies(in lines: [String]) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        var pending: [String] = []
        for line in lines {
            guard let (code, continues) = code(of: line) else { continue }
            pending.append(line)
            if !continues {
                replies.append(SMTPReply(code: code, lines: pending))
                pending = []
            }
        }
        return replies
    }

    /// A reply line's code, and whether the reply goes on: "250-" continues it, "250 " or a
    /// bare "250" ends it. Nil for a line that does not start with three digits.
    static func code(of line: String) -> (code: Int, continues: Bool)? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self))
        else { return nil }
        return (code, bytes.count == 4 && bytes[3] == UInt8(ascii: "-"))
    }

    /// The reply that made a transaction fail: the last one with a 4xx or 5xx code.
    /// libcurl sends QUIT after a failure, so the very last reply is often `221 Bye`.
    static func refusal(in lines: [String]) -> SMTPReply? {
        replies(in: lines).last { $0.code >= 400 }
    }

    /// The server's final word on an accepted message (`250 2.0.0 Ok: queued as …`).
    static func acceptance(in lines: [String]) -> SMTPReply? {
        replies(in: lines).last { (200...299).contains($0.code) && $0.code != 221 }
    }

    /// What a refusal code means for the envelope: 4xx waits, an authentication demand is
    /// the operator's to fix, any other 5xx is final.
    var disposition: TransportError.Disposition {
        switch code {
        case 400..<500: .retry
        case 530, 534, 535, 538: .fixConfiguration
        default: .giveUp
        }
    }
}
