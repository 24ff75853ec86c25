/// A configuration the gateway cannot start with: one sentence naming the key and the file.
///
/// The command line prints `message` and exits with status 78 (`EX_CONFIG`).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted key at fault, e.g. `imap.url`; nil when the whole file is at fault.
    public var key: String?
    public var message: String

    public init(key: String?, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { message }

    /// The exit status for configuration errors (sysexits.h).
    public static let exitStatus: Int32 = 78
}
