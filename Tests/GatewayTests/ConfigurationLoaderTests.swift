import Foundation
import Testing
@testable import Gateway

@Suite("Configuration")
struct ConfigurationLoaderTests {
    /// A YAML file in a fresh temporary directory, removed with the directory.
    private func file(_ yaml: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truce-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("truce.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let minimal = """
        gateway:
          address: truce@mediation.test
          secret: a-secret-of-sufficient-length
        imap:
          url: imaps://127.0.0.1:2993
          user: truce@mediation.test
          password: secret
        smtp:
          url: smtp://127.0.0.1:2587
        """

    @Test func defaultsFillEverythingNotGiven() async throws {
        let config = try await ConfigurationLoader.load(file: try file(minimal), environment: [:])
        #expect(config.gateway.address == "truce@mediation.test")
        #expect(config.gateway.name == "Truce")
        #expect(config.gatewayDomain == "mediation.test")
        #expect(config.gatewayLocalPart == "truce")
        #expect(config.store.path == "var/truce.sqlite")
        #expect(config.imap.pollSeconds == 30)
        #expect(config.imap.processedMailbox == "Processed")
        #expect(config.smtp.user == nil)
        #expect(config.smtp.connections == 4)
        #expect(config.mediation.roomDays == 30)
        #expect(config.mediation.maxDays == 90)
        #expect(config.mediation.feePercent == 20)
        #expect(config.mediation.language == "fr")
        #expect(config.mediation.maxAttachmentMB == 10)
        #expect(config.tls.caFile == nil)
    }

    @Test func environmentOverridesTheFile() async throws {
        let config = try await ConfigurationLoader.load(
            file: try file(minimal),
            environment: [
                "TRUCE_STORE_PATH": "/tmp/other.sqlite",
                "TRUCE_GATEWAY_SECRET": "another-secret-long-enough",
                "TRUCE_IMAP_POLL_SECONDS": "7",
                "TRUCE_MEDIATION_LANGUAGE": "en",
                "STORE_PATH": "/ignored/without/prefix",
            ]
        )
        #expect(config.store.path == "/tmp/other.sqlite")
        #expect(config.gateway.secret == "another-secret-long-enough")
        #expect(config.imap.pollSeconds == 7)
        #expect(config.mediation.language == "en")
    }

    @Test func theShippedFilesLoad() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let example = try await ConfigurationLoader.load(
            file: root.appendingPathComponent("Config/truce.example.yaml").path,
            environment: ["TRUCE_IMAP_PASSWORD": "x", "TRUCE_SMTP_PASSWORD": "y"])
        #expect(example.smtp.connections == 4)
        #expect(example.gateway.previousSecrets.isEmpty)
        #expect(example.gateway.trustedAuthservID == nil)
        // local.yaml names the mail stack's CA, which exists only once the stack is up.
        let local = try await ConfigurationLoader.load(
            file: root.appendingPathComponent("Config/local.yaml").path,
            environment: ["TRUCE_TLS_CA_FILE": ""])
        #expect(local.gateway.address == "truce@mediation.test")
        #expect(local.imap.password == "secret")
    }

    @Test func aMissingKeyIsNamedWithItsFileAndVariable() async throws {
        let path = try file(minimal.replacingOccurrences(of: "  user: truce@mediation.test\n", with: ""))
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(file: path, environment: [:])
        }
        #expect(error?.key == "imap.user")
        #expect(error?.message == "imap.user is missing in \(path) (or set TRUCE_IMAP_USER)")
    }

    @Test(arguments: [
        ("TRUCE_IMAP_POLL_SECONDS", "soon", "imap.poll_seconds"),
        ("TRUCE_SMTP_CONNECTIONS", "0", "smtp.connections"),
        ("TRUCE_IMAP_URL", "http://127.0.0.1", "imap.url"),
        ("TRUCE_GATEWAY_ADDRESS", "truce+x@mediation.test", "gateway.address"),
        ("TRUCE_GATEWAY_SECRET", "short", "gateway.secret"),
        ("TRUCE_MEDIATION_LANGUAGE", "de", "mediation.language"),
        ("TRUCE_MEDIATION_ROOM_DAYS", "120", "mediation.room_days"),
        ("TRUCE_TLS_CA_FILE", "/nonexistent/ca.crt", "tls.ca_file"),
        ("TRUCE_IMAP_REQUIRE_TLS", "perhaps", "imap.require_tls"),
    ])
    func anInvalidValueIsNamed(variable: String, value: String, key: String) async throws {
        let path = try file(minimal)
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(file: path, environment: [variable: value])
        }
        #expect(error?.key == key)
        #expect(error?.message.hasPrefix("\(key) in \(path) ") == true)
    }

    @Test func aMissingFileSaysHowToNameAnother() async {
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(file: "/nonexistent/truce.yaml", environment: [:])
        }
        #expect(error?.message.contains("--config") == true)
    }

    @Test func brokenYAMLIsReportedAsSuch() async throws {
        let path = try file("gateway: [unclosed\n")
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(file: path, environment: [:])
        }
        #expect(error?.message.contains("not valid YAML") == true)
    }
}
