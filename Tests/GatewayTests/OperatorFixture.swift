import Foundation
import Mediation
import Store
@testable import Gateway

/// A gateway over an in-memory store at a fixed instant, configured from a YAML file in a
/// fresh temporary directory whose templates are the repository's own.
struct OperatorFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC

    let directory: URL
    let configFile: String
    let desk: CaseDesk
    var store: MediationStore { desk.context.store }

    /// `mediation` lines are added under the `mediation:` section, e.g. "max_consumers: 3".
    init(
        mediation: [String] = [], imapURL: String = "imap://127.0.0.1:2143", smtpURL: String = "smtp://127.0.0.1:2525"
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("truce-operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        configFile = directory.appendingPathComponent("truce.yaml").path
        let yaml = """
            gateway:
              address: truce@mediation.test
              secret: a-secret-of-sufficient-length
            store:
              path: \(directory.appendingPathComponent("truce.sqlite").path)
            imap:
              url: \(imapURL)
              user: truce@mediation.test
              password: secret
            smtp:
              url: \(smtpURL)
            templates:
              directory: \(Self.repository.appendingPathComponent("Templates").path)
            mediation:
              language: fr
            \(mediation.map { "  " + $0 }.joined(separator: "\n"))
            """
        try yaml.write(toFile: configFile, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(file: configFile, environment: [:])
        desk = CaseDesk(context: try GatewayContext(
            configuration: configuration, store: try MediationStore.inMemory(), clock: FixedClock(Self.now)))
    }

    /// A file next to the configuration.
    func write(_ text: String, named name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Acme's case with two legal team addresses, a mediator and a lawyer.
    func openAcmeCase(language: Language? = nil) throws -> CaseDesk.OpenedCase {
        try desk.openCase(CaseDesk.CaseOpening(
            title: "Retards de livraison",
            company: [PartyAddress(name: "Acme (service juridique)", address: "legal@company.test"),
                      PartyAddress(name: "", address: "counsel@company.test")],
            mediator: PartyAddress(name: "Claire Martin", address: "claire@mediator.test"),
            lawyer: PartyAddress(name: "Maître Durand", address: "durand@law.test"),
            language: language))
    }

    /// Every delivery queued so far, with its post and recipient.
    func queued() throws -> [(delivery: Delivery, post: Post, recipient: Participant)] {
        try store.read { session in
            try session.dueDeliveries(now: Self.now, limit: 100_000).map { delivery in
                (delivery, try session.post(id: delivery.postID)!, try session.participant(id: delivery.recipientID)!)
            }
        }
    }
}
