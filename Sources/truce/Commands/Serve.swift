import ArgumentParser
import Foundation
import Gateway
import Logging
import MailTransport
import Mediation
import ServiceLifecycle

extension Truce {
    /// `truce serve [--once] [--now TIME]`: runs the gateway.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the gateway: fetch, relay, send.",
            discussion: """
                Without --once, polls every imap.poll_seconds until SIGTERM or SIGINT, then finishes the \
                transaction in flight and exits. With --once, runs one full cycle (fetch, take in, send \
                everything due) and exits: tests and cron use it. --now (or TRUCE_NOW) runs as if it were \
                that time, so the room's clock can be tried end to end.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Run one cycle and exit.")
        var once = false

        @Option(help: ArgumentHelp("Act as if it were this time (ISO 8601, e.g. 2026-12-30T10:00:00Z).", valueName: "time"))
        var now: String?

        func validate() throws {
            if let now = now ?? ProcessInfo.processInfo.environment["TRUCE_NOW"], Self.instant(now) == nil {
                throw ValidationError("--now must be an ISO 8601 time such as 2026-12-30T10:00:00Z, not '\(now)'")
            }
        }

        static func instant(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }

        func run() async throws {
            let configuration = try await options.load()
            var logger = Logger(label: "truce")
            logger.logLevel = .info
            let clock: any Mediation.Clock = (now ?? ProcessInfo.processInfo.environment["TRUCE_NOW"])
                .flatMap(Self.instant).map { FixedClock($0) as any Mediation.Clock } ?? SystemClock()
            let cycle: GatewayCycle
            do {
                let store = try GatewayContext.openStore(configuration)
                let context = try GatewayContext(configuration: configuration, store: store, clock: clock, logger: logger)
                cycle = GatewayCycle(
                    context: context,
                    mailbox: try IMAPMailbox(configuration.mailboxConfiguration),
                    sender: try SMTPSender(configuration.senderConfiguration))
            } catch let error as TransportError {
                FileHandle.standardError.write(Data("truce: \(error.message)\n".utf8))
                throw ExitCode(ConfigurationError.exitStatus)
            } catch let error as GatewayContext.Failure {
                FileHandle.standardError.write(Data("truce: \(error.message)\n".utf8))
                throw ExitCode(ConfigurationError.exitStatus)
            }
            if once {
                let report = await GatewayService.runOffThePool(cycle)
                print(report.line)
                if report.fetchError?.disposition == .fixConfiguration { throw ExitCode(ConfigurationError.exitStatus) }
                if !report.failures.isEmpty { throw ExitCode(1) }
                return
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: GatewayService(cycle: cycle, logger: logger))],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
        }
    }
}
