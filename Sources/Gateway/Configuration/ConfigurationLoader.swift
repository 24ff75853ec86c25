import Configuration
import Foundation
import SystemPackage

/// Reads a `TruceConfiguration` from a YAML file, with every key overridable by an
/// environment variable `TRUCE_<SECTION>_<KEY>` (e.g. `TRUCE_STORE_PATH`).
///
/// Environment first, then the file, then the defaults written here (which are the ones
/// documented in `Config/truce.example.yaml`). Secrets are read as secrets, so the
/// configuration library never prints them.
public enum ConfigurationLoader {
    /// The file used when neither `--config` nor `TRUCE_CONFIG` names one.
    public static let defaultPath = "Config/local.yaml"

    /// Loads and validates the configuration.
    public static func load(
        file: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(ConfigurationError) -> TruceConfiguration {
        guard FileManager.default.fileExists(atPath: file) else {
            throw ConfigurationError(
                key: nil,
                message: "configuration file \(file) does not exist: pass --config PATH or set TRUCE_CONFIG"
            )
        }
        let yaml: FileProvider<YAMLSnapshot>
        do {
            yaml = try await FileProvider<YAMLSnapshot>(filePath: FilePath(file))
        } catch {
            throw ConfigurationError(key: nil, message: "configuration file \(file) is not valid YAML: \(error)")
        }
        let env = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { $0.key.hasPrefix("TRUCE_") },
            secretsSpecifier: .dynamic { key, _ in key.contains("SECRET") || key.contains("PASSWORD") }
        )
        let reader = ConfigReader(providers: [env.prefixKeys(with: "truce"), yaml])
        return try Keys(reader: reader, file: file).configuration()
    }
}

/// Typed reads with one clear sentence for each way a key can be wrong.
private struct Keys {
    let reader: ConfigReader
    let file: String

    func configuration() throws(ConfigurationError) -> TruceConfiguration {
        let address = try required("gateway.address")
        guard Self.isPlainAddress(address) else {
            throw invalid("gateway.address", "must be a plain address like truce@mediation.test, without a '+' tag")
        }
        let secret = try required("gateway.secret", secret: true)
        guard secret.utf8.count >= 16 else {
            throw invalid("gateway.secret", "must be at least 16 characters (it signs every reply address)")
        }
        let imapURL = try url("imap.url", schemes: ["imap", "imaps"])
        let smtpURL = try url("smtp.url", schemes: ["smtp", "smtps"])
        let language = optional("mediation.language") ?? "fr"
        guard ["fr", "en"].contains(language) else {
            throw invalid("mediation.language", "must be fr or en")
        }
        let caFile = optional("tls.ca_file")
        if let caFile, !FileManager.default.fileExists(atPath: caFile) {
            throw invalid("tls.ca_file", "names \(caFile), which does not exist (is the mail stack up?)")
        }
        let roomDays = try int("mediation.room_days", default: 30, in: 1...90)
        let maxDays = try int("mediation.max_days", default: 90, in: 1...90)
        guard roomDays <= maxDays else {
            throw invalid("mediation.room_days", "(\(roomDays)) exceeds mediation.max_days (\(maxDays))")
        }
        let smtpUser = optional("smtp.user")
        return TruceConfiguration(
            gateway: .init(
                address: address.lowercased(),
                name: optional("gateway.name") ?? "Truce",
                secret: secret,
                previousSecrets: reader.stringArray(forKey: "gateway.previous_secrets", isSecret: true) ?? [],
                trustedAuthservID: optional("gateway.trusted_authserv_id")
            ),
            store: .init(path: optional("store.path") ?? "var/truce.sqlite"),
            imap: .init(
                url: imapURL,
                user: try required("imap.user"),
                password: try required("imap.password", secret: true),
                pollSeconds: try int("imap.poll_seconds", default: 30, in: 1...3600),
                mailbox: optional("imap.mailbox") ?? "INBOX",
                processedMailbox: optional("imap.processed_mailbox") ?? "Processed",
                requireTLS: try bool("imap.require_tls", default: true)
            ),
            smtp: .init(
                url: smtpURL,
                user: smtpUser,
                password: smtpUser == nil ? nil : try required("smtp.password", secret: true),
                connections: try int("smtp.connections", default: 4, in: 1...64),
                requireTLS: try bool("smtp.require_tls", default: true),
                pipelining: try bool("smtp.pipelining", default: true)
            ),
            tls: .init(caFile: caFile),
            mediation: .init(
                roomDays: roomDays,
                maxDays: maxDays,
                feePercent: try int("mediation.fee_percent", default: 20, in: 0...100),
                language: language,
                maxAttachmentMB: try int("mediation.max_attachment_mb", default: 10, in: 1...100),
                maxMessageMB: try int("mediation.max_message_mb", default: 25, in: 1...200),
                maxConsumers: try int("mediation.max_consumers", default: 10_000, in: 1...1_000_000)
            ),
            templatesDirectory: optional("templates.directory") ?? "Templates",
            sourceFile: file
        )
    }

    private func optional(_ key: String, secret: Bool = false) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key), isSecret: secret) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private func required(_ key: String, secret: Bool = false) throws(ConfigurationError) -> String {
        guard let value = optional(key, secret: secret) else {
            throw ConfigurationError(
                key: key,
                message: "\(key) is missing in \(file) (or set \(Self.environmentName(key)))"
            )
        }
        return value
    }

    private func int(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let found: Int
        if let number = reader.int(forKey: ConfigKey(key)) {
            found = number
        } else if let text = optional(key) {
            guard let number = Int(text) else { throw invalid(key, "must be a whole number, not '\(text)'") }
            found = number
        } else {
            return value
        }
        guard range.contains(found) else {
            throw invalid(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(found)")
        }
        return found
    }

    private func bool(_ key: String, default value: Bool) throws(ConfigurationError) -> Bool {
        if let flag = reader.bool(forKey: ConfigKey(key)) { return flag }
        guard let text = optional(key) else { return value }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw invalid(key, "must be true or false, not '\(text)'")
        }
    }

    private func url(_ key: String, schemes: [String]) throws(ConfigurationError) -> String {
        let text = try required(key)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
              url.host != nil
        else {
            throw invalid(key, "must be a URL like \(schemes[0])://host:port (\(schemes.joined(separator: " or "))), not '\(text)'")
        }
        return text
    }

    private func invalid(_ key: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(key: key, message: "\(key) in \(file) \(problem)")
    }

    static func environmentName(_ key: String) -> String {
        "TRUCE_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    static func isPlainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !parts[0].contains("+")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
