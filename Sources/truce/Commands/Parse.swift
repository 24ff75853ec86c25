import ArgumentParser
import Foundation
import MIME

extension Truce {
    /// `truce parse FILE [--json]`: what the gateway reads in one email.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how the gateway reads one email.",
            discussion: """
                Headers, addresses, MIME parts, text and the reply text without quotes and signature. \
                FILE may be - for standard input. Anything readable gets an answer, even if it is not an \
                email at all; only an unreadable file is an error. --json prints one object with the keys \
                subject, from, to, cc, reply_to, message_id, in_reply_to, references, date, text, html, \
                reply_text, stripped, kept_full_text, attachments and parts.
                """
        )

        @Argument(help: ArgumentHelp("The message file, or - for standard input.", valueName: "file"))
        var file: String

        @Flag(help: "Print one JSON object instead of the readable report.")
        var json = false

        func run() throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    Standard.error("cannot read \(file): no such file, or not readable")
                    throw ExitCode.failure
                }
                data = contents
            }
            let report = MessageReport(parsing: data)
            print(json ? report.json() : report.text(), terminator: json ? "\n" : "")
        }
    }
}
