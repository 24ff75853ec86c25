import Foundation

/// Repeats a side-by-side measurement and prints the median ratio.
///
/// On two cores shared with the mail server, one round can differ from the next by a fifth
/// for both sides; each round measures both, so each ratio compares like with like, and
/// the median of several is the number to read.
enum Rounds {
    /// `--rounds R` from `args`, else `standard`.
    static func count(in args: [String], standard: Int = 3) -> Int {
        max(1, option("--rounds", in: args).flatMap(Int.init) ?? standard)
    }

    /// Runs `round` `count` times; each returns Truce's rate over its peer's.
    static func median(_ count: Int, goal: String, _ round: () async throws -> Double) async throws {
        var ratios: [Double] = []
        for number in 1...count {
            if count > 1 { print("round \(number) of \(count)") }
            ratios.append(try await round())
        }
        guard count > 1 else { return }
        let sorted = ratios.sorted()
        print(String(format: "median ratio of %d rounds: %.2f× (rounds: %@; goal %@)", count, sorted[count / 2],
                     ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "), goal))
    }
}
