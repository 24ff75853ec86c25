import Foundation

/// Where the processors went during one phase of a benchmark: this process's CPU time, its
/// finished children's (a peer tool run with `runTool`), and how busy the whole machine was
/// (from /proc/stat). On two cores shared with Postfix and Dovecot, a side's rate depends on
/// the CPU it takes from the server as much as on its own speed, so the benchmarks print it.
struct CPUMeter {
    private let own: Double
    private let children: Double
    private let machine: (busy: Double, total: Double)

    init() {
        own = Self.usage(RUSAGE_SELF)
        children = Self.usage(RUSAGE_CHILDREN)
        machine = Self.machineTicks()
    }

    struct Reading {
        /// CPU seconds of this process, and of the children that ended during the phase.
        var own: Double
        var children: Double
        /// Share of all processors busy during the phase, 0...1.
        var machineBusy: Double

        /// e.g. "CPU of truce 310 µs/message, machine 97% busy".
        func line(per count: Int, child: Bool = false) -> String {
            let mine = (child ? children : own) * 1e6 / Double(max(count, 1))
            return String(format: "CPU %@ %.0f µs/message, machine %.0f%% busy", child ? "of the tool" : "of truce", mine, machineBusy * 100)
        }
    }

    func read() -> Reading {
        let now = Self.machineTicks()
        let total = now.total - machine.total
        return Reading(
            own: Self.usage(RUSAGE_SELF) - own,
            children: Self.usage(RUSAGE_CHILDREN) - children,
            machineBusy: total > 0 ? (now.busy - machine.busy) / total : 0)
    }

    private static func usage(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Busy and total ticks of all processors: the first line of /proc/stat, where idle and
    /// iowait are the 4th and 5th numbers.
    private static func machineTicks() -> (busy: Double, total: Double) {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let first = text.split(separator: "\n").first
        else { return (0, 0) }
        let numbers = first.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard numbers.count >= 5 else { return (0, 0) }
        let total = numbers.reduce(0, +)
        return (total - numbers[3] - numbers[4], total)
    }
}
