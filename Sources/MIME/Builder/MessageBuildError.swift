/// Why a message could not be built. Nothing is emitted when building fails, so a
/// rejected value can never reach a recipient half-written.
public struct MessageBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem; compare with the static members.
    public struct Code: Sendable, Hashable {
        let name: String
        /// A header name or value (display name, subject, id, filename…) contains CR,
        /// LF or NUL: emitting it would let the value inject headers or body.
        public static let forbiddenCharacter = Code(name: "forbidden character (CR, LF or NUL)")
        /// A header name is empty, not printable ASCII, contains a colon, or is one the
        /// builder writes itself (From, Content-Type…).
        public static let invalidHeaderName = Code(name: "invalid header name")
        /// An address, message id or content type is not well formed.
        public static let invalidValue = Code(name: "invalid value")
        /// The message has no From address.
        public static let missingFrom = Code(name: "missing From")
    }

    public var code: Code
    /// The header or field the problem is in.
    public var field: String

    public init(_ code: Code, field: String) {
        self.code = code
        self.field = field
    }

    public var description: String { "\(code.name) in \(field)" }
}
