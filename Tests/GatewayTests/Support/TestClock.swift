import Foundation
import Mediation
import Synchronization

/// A clock a test moves by hand; starts at a fixed morning so "the next day" is one step.
final class TestClock: Mediation.Clock {
    static let start = ISO8601DateFormatter().date(from: "2026-03-10T09:00:00Z")!

    private let instant: Mutex<Date>

    init(_ start: Date = TestClock.start) {
        instant = Mutex(start)
    }

    var now: Date { instant.withLock { $0 } }

    func advance(seconds: TimeInterval) {
        instant.withLock { $0 += seconds }
    }

    func advance(days: Int) {
        advance(seconds: TimeInterval(days) * 86_400)
    }
}

/// SplitMix64: a small generator whose runs repeat exactly for one seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
