import ArgumentParser
import Foundation
import Gateway

extension Truce {
    /// `truce doctor`: is the gateway ready to serve?
    struct DoctorCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check the configuration and log in to IMAP and SMTP.",
            discussion: "Checks the configuration, the store and the templates, and logs in to IMAP and SMTP without sending mail. Exits 0 when everything is healthy, 1 when something is not, 78 when the configuration cannot be read."
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let findings = Doctor(configuration: try await options.load()).examine()
            for finding in findings {
                print("\(finding.healthy ? "ok  " : "FAIL") \(finding.subject.padding(toLength: 13, withPad: " ", startingAt: 0)) \(finding.detail)")
            }
            let failures = findings.filter { !$0.healthy }.count
            print(failures == 0 ? "healthy" : "\(failures) problem(s): see FAIL above")
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
