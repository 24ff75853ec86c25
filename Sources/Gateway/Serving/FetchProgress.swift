import Foundation

/// What the Fetcher has committed so far, for an Intake running at the same time.
///
/// The cycle fetches on one thread and takes in on another: fetching waits on the IMAP
/// server and intake on the processor, so together they take about as long as the slower
/// of the two instead of the sum. Intake reads only rows the Fetcher has committed, so
/// nothing it sees can be lost by a crash; this only tells it when to look again, and when
/// there is nothing more to wait for.
final class FetchProgress: @unchecked Sendable {
    private let condition = NSCondition()
    private var commits = 0
    private var outcome: Result<Fetcher.Summary, any Error>?

    /// How many batches were committed, and whether fetching is over. Read before looking
    /// for pending rows: if it was over then, every row it recorded is visible.
    func snapshot() -> (commits: Int, finished: Bool) {
        condition.withLock { (commits, outcome != nil) }
    }

    /// A batch was committed.
    func committed() {
        condition.withLock {
            commits += 1
            condition.broadcast()
        }
    }

    /// Fetching is over, with this result.
    func finish(_ result: Result<Fetcher.Summary, any Error>) {
        condition.withLock {
            outcome = result
            condition.broadcast()
        }
    }

    /// Returns once more than `commits` batches were committed, or fetching is over.
    func wait(beyond commits: Int) {
        condition.withLock {
            while self.commits <= commits && outcome == nil { condition.wait() }
        }
    }

    /// The Fetcher's result, once it has one.
    func result() -> Result<Fetcher.Summary, any Error> {
        condition.withLock {
            while outcome == nil { condition.wait() }
            return outcome!
        }
    }
}
