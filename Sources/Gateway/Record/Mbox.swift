import Foundation

/// Messages appended in the mboxrd format: a `From ` separator line per message, line
/// ends as LF, and every body line matching `>*From ` quoted with one more `>`, so that any
/// mail reader splits the file back into the same messages.
struct Mbox {
    private(set) var data = Data()

    static func separatorDate() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss yyyy"
        return formatter
    }

    private let dates = Mbox.separatorDate()

    mutating func append(_ raw: Data, sender: String, date: Date) {
        var text = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasSuffix("\n") { text.removeLast() }
        let envelopeSender = sender.isEmpty || sender.contains(where: \.isWhitespace) ? "MAILER-DAEMON" : sender
        var out = "From \(envelopeSender) \(dates.string(from: date))\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == ">" }).hasPrefix("From ") { out += ">" }
            out += line + "\n"
        }
        out += "\n"
        data.append(Data(out.utf8))
    }
}
