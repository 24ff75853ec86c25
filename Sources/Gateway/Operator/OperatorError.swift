/// Why an operator's action was refused, in one sentence that says what to do instead.
///
/// A struct around a reason rather than an enum, so reasons can be added without breaking
/// callers; compare `reason` to the static members to tell them apart.
public struct OperatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is.
    public struct Reason: Sendable, Hashable {
        private enum Code: Sendable, Hashable {
            case invalidArgument, noSuchCase, caseClosed, unknownName, ambiguousName, tooManyConsumers
        }
        private let code: Code

        /// A value given on the command line or in a file cannot be used.
        public static let invalidArgument = Reason(code: .invalidArgument)
        public static let noSuchCase = Reason(code: .noSuchCase)
        /// The case is closed: nobody joins it and no aside opens in it.
        public static let caseClosed = Reason(code: .caseClosed)
        /// A name or address names no active participant of the case.
        public static let unknownName = Reason(code: .unknownName)
        /// A name answers to several people; a pseudonym or an address is needed.
        public static let ambiguousName = Reason(code: .ambiguousName)
        /// The import would take the case past `mediation.max_consumers`.
        public static let tooManyConsumers = Reason(code: .tooManyConsumers)
    }

    public let reason: Reason
    /// The sentence shown to the operator.
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    static func invalid(_ message: String) -> OperatorError { OperatorError(.invalidArgument, message) }

    static func noSuchCase(_ number: Int64) -> OperatorError {
        OperatorError(.noSuchCase, "there is no case \(number); `truce case list` shows the cases")
    }
}
