// parse-rss: parses one message file and reports the process's peak resident memory
// (VmHWM from /proc/self/status) next to the file size and the baseline measured
// before the file was read. Used by the MIME memory test as a child process, so the
// measurement is not polluted by the test runner's own allocations.
//
// Output: one JSON object {"file_bytes", "baseline_kb", "peak_kb", "attachments"}.
import Foundation
import MIME

enum ParseRSS {
    static func run(_ args: [String]) {
        guard let path = args.first else { usage() }
        let decode = args.contains("--decode")
        let baseline = statusKB("VmHWM")
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
            exit(1)
        }
        let message = MailMessage(parsing: data)
        var touched = (message.subject?.count ?? 0) + (message.text?.count ?? 0) + message.from.count
        for attachment in message.attachments {
            touched += attachment.size + (attachment.filename?.count ?? 0)
            if decode { touched += attachment.data.count }
        }
        let peak = statusKB("VmHWM")
        print("{\"file_bytes\": \(data.count), \"baseline_kb\": \(baseline), \"peak_kb\": \(peak), \"attachments\": \(message.attachments.count), \"touched\": \(touched)}")
    }

    /// A "Name:   1234 kB" line of /proc/self/status, in kB (0 where unavailable).
    static func statusKB(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
        }
        return 0
    }
}
