import ArgumentParser
import Foundation
import Gateway
import Mediation

extension GlobalOptions {
    /// The operator's desk over the configured store, or the sentence that says why the
    /// gateway cannot start with this configuration (exit 78).
    func caseDesk() async throws -> CaseDesk {
        let configuration = try await load()
        do {
            let store = try GatewayContext.openStore(configuration)
            return CaseDesk(context: try GatewayContext(configuration: configuration, store: store, clock: SystemClock()))
        } catch {
            Standard.error("\(error)")
            throw ExitCode(ConfigurationError.exitStatus)
        }
    }
}

/// Writing to the terminal: results on standard output, everything else on standard error.
enum Standard {
    /// One line on standard error, prefixed with the program's name.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data("truce: \(line)\n".utf8))
    }

    /// Runs an operator's action; a refusal becomes one line on standard error and exit 1.
    static func refusing<T>(_ action: () throws -> T) throws -> T {
        do {
            return try action()
        } catch {
            Standard.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Checks made before any configuration is read, so a typo gets its answer at once.
enum ArgumentCheck {
    static func language(_ text: String?) throws -> Language? {
        guard let text else { return nil }
        guard let language = Language(rawValue: text.lowercased()) else {
            throw ValidationError("The language '\(text)' is not one Truce writes in; use fr or en.")
        }
        return language
    }

    static func parties(_ texts: [String], option: String) throws -> [PartyAddress] {
        try texts.map { text in
            do {
                return try PartyAddress(parsing: text)
            } catch {
                throw ValidationError("--\(option): \(error).")
            }
        }
    }

    static func caseNumber(_ number: Int64) throws {
        guard number > 0 else { throw ValidationError("Case numbers start at 1; `truce case list` shows them.") }
    }
}
