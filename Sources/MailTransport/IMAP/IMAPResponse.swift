/// Reads the untagged lines libcurl hands over for custom IMAP commands (`STATUS`,
/// `UID SEARCH`). Lenient about spacing and case, strict about numbers: a line that does
/// not parse is reported, never guessed at.
enum IMAPResponse {
    /// The numbers of `* STATUS mailbox (MESSAGES m UIDNEXT n UIDVALIDITY v)`.
    static func status(from text: String) -> MailboxStatus? {
        for line in lines(of: text) where line.uppercased().hasPrefix("* STATUS ") {
            // The mailbox name may itself hold parentheses when quoted: the attribute
            // list is the last parenthesized group of the line.
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else {
                continue
            }
            let items = line[line.index(after: open)..<close].split(separator: " ")
            var values: [String: UInt64] = [:]
            var index = items.startIndex
            while index + 1 < items.endIndex {
                if let number = UInt64(items[index + 1]) {
                    values[items[index].uppercased()] = number
                }
                index += 2
            }
            guard let validity = values["UIDVALIDITY"], let next = values["UIDNEXT"], let messages = values["MESSAGES"],
                  validity <= UInt32.max, next <= UInt32.max
            else { continue }
            return MailboxStatus(uidValidity: UInt32(validity), uidNext: UInt32(next), messages: Int(messages))
        }
        return nil
    }

    /// The UIDs of `* SEARCH 4 7 9` lines, or nil when a line holds anything but UIDs
    /// (a line cut short by libcurl shows up that way).
    static func searchUIDs(from text: String) -> [UInt32]? {
        var uids: [UInt32] = []
        for line in lines(of: text) {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            for word in words.dropFirst(2) {
                guard let uid = UInt32(word) else { return nil }
                uids.append(uid)
            }
        }
        return uids
    }

    /// The last `NO` or `BAD` line (tagged or not): the server's reason for a failed
    /// command. libcurl logs out after a failure, so it is rarely the last line.
    static func refusal(in lines: [String]) -> String? {
        lines.last { isRefusal($0, "NO") || isRefusal($0, "BAD") }
    }

    /// Whether a line is the completion `status` (`NO`, `BAD`) of some command.
    static func isRefusal(_ line: String, _ status: String) -> Bool {
        let words = line.split(separator: " ", maxSplits: 2)
        return words.count >= 2 && words[1].uppercased() == status
    }

    /// Whether a refusal says the mailbox is missing: RFC 5530's `[NONEXISTENT]`, the
    /// `[TRYCREATE]` of COPY and MOVE, or the plain words of servers without codes.
    static func namesMissingMailbox(_ line: String) -> Bool {
        let line = line.uppercased()
        return line.contains("[NONEXISTENT]") || line.contains("[TRYCREATE]") || line.contains("DOESN'T EXIST") || line.contains("DOES NOT EXIST")
    }

    private static func lines(of text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
