import Foundation

/// How mailboxes and messages are named to libcurl (URLs) and to the server (quoted
/// strings in custom commands).
enum IMAPAddressing {
    /// `imap://host:port/INBOX`: selecting the mailbox, then running a custom command in it.
    static func mailboxURL(base: String, mailbox: String) -> String {
        "\(trimmed(base))/\(percentEncoded(mailbox))"
    }

    /// `imap://host:port/INBOX/;UID=42`: libcurl's own `UID FETCH n BODY[]`, which reads
    /// the message as a counted literal, so nothing inside the body can end it early.
    static func messageURL(base: String, mailbox: String, uid: UInt32) -> String {
        "\(mailboxURL(base: base, mailbox: mailbox))/;UID=\(uid)"
    }

    /// `imap://host:port/`: a custom command that needs no selected mailbox (`STATUS`).
    static func serverURL(base: String) -> String {
        "\(trimmed(base))/"
    }

    /// A mailbox name as an IMAP quoted string. Names are ASCII (checked at start), so
    /// modified UTF-7 is never needed.
    static func quoted(_ mailbox: String) -> String {
        var text = "\""
        for character in mailbox {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }

    /// Whether a name can be written in a command as a quoted string.
    static func isUsableName(_ mailbox: String) -> Bool {
        !mailbox.isEmpty && mailbox.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
    }

    /// A UID set for a command: ascending, runs compressed (`1:3,7,9:10`). A long batch
    /// stays a short line, well under the limits servers put on command lines.
    static func uidSet(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var runs: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            runs.append(end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])")
            index = end + 1
        }
        return runs.joined(separator: ",")
    }

    private static func trimmed(_ base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// libcurl percent-decodes the path, so spaces, '/' and ';' in a name survive.
    private static func percentEncoded(_ name: String) -> String {
        var text = ""
        for byte in name.utf8 {
            if unreserved.contains(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += String(format: "%%%02X", byte)
            }
        }
        return text
    }
}
