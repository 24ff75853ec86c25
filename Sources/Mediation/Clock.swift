import Foundation

/// Where the gateway reads the time: the real clock in production, a fixed or moved one in
/// tests and under `truce serve --now`.
public protocol Clock: Sendable {
    var now: Date { get }
}

/// The system clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that always says the same instant.
public struct FixedClock: Clock {
    public var now: Date
    public init(_ now: Date) { self.now = now }
}
