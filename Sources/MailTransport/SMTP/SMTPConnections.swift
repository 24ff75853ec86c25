import CCurl
import Foundation

/// The SMTP connections an `SMTPSender` keeps between batches.
///
/// When the server offers PIPELINING (and `pipelining` is on), one `SMTPPipeline` per
/// connection, each driven by a thread of its own during a batch. Otherwise libcurl's
/// transfers: a curl multi handle (which owns the open connections) and one lane per
/// connection. Which of the two is learnt from the first connection's EHLO answer.
///
/// Not thread-safe; `SMTPSender` holds it behind a lock.
final class SMTPConnections {
    private let multi: UnsafeMutableRawPointer
    private let lanes: [SMTPLane]
    let server: ServerContext
    private let configuration: SMTPSender.Configuration
    /// Whether batches go through pipelines: nil until a connection has said.
    private(set) var pipelining: Bool?
    /// One slot per connection; during a batch, each is touched only by its lane's thread.
    private let pipelines: [PipelineSlot]
    /// Connections opened so far; with reuse it stays at the lane count.
    private(set) var connectionsOpened = 0

    init(_ configuration: SMTPSender.Configuration) throws(TransportError) {
        let count = max(1, configuration.connections)
        server = ServerContext(
            protocolName: "SMTP", url: configuration.url, username: configuration.username,
            caFile: configuration.caFile, settingPrefix: "smtp"
        )
        var lanes: [SMTPLane] = []
        for _ in 0..<count { lanes.append(try SMTPLane(configuration)) }
        self.lanes = lanes
        self.configuration = configuration
        pipelining = configuration.pipelining ? nil : false
        pipelines = (0..<count).map { _ in PipelineSlot() }
        guard let multi = curl_multi_init() else {
            throw TransportError(.retry, message: "libcurl could not create a multi handle (out of memory?)")
        }
        self.multi = multi
        // Exactly `count` connections to the server, all kept open between batches.
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, count)
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, count)
    }

    deinit {
        // Closing the multi handle closes its connections with QUIT.
        curl_multi_cleanup(multi)
    }

    /// Sends every envelope on the connections at once; one outcome per envelope, in order.
    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        if pipelining != false, let outcomes = sendPipelined(envelopes) { return outcomes }
        return sendByTransfers(envelopes)
    }

    /// Through the pipelines, when the server offers PIPELINING; nil when it does not, or
    /// when not even one connection could be opened to ask (libcurl's transfers then meet
    /// the same failure and judge it envelope by envelope).
    private func sendPipelined(_ envelopes: [Envelope]) -> [SendOutcome]? {
        if pipelines[0].pipeline == nil {
            guard let first = try? SMTPPipeline(configuration, server: server) else { return nil }
            connectionsOpened += 1
            guard first.capabilities.pipelining else {
                pipelining = false
                return nil
            }
            pipelining = true
            pipelines[0].pipeline = first
        }
        let batch = PipelineBatch(envelopes)
        let done = DispatchGroup()
        for lane in pipelines.indices.dropFirst() {
            done.enter()
            let connections = UncheckedBox(self)
            Thread.detachNewThread {
                connections.value.drive(lane: lane, batch: batch)
                done.leave()
            }
        }
        drive(lane: 0, batch: batch)
        done.wait()
        connectionsOpened += batch.openedCount
        return batch.outcomes()
    }

    /// One lane's share of a batch: envelopes taken from the batch until none is left.
    /// A connection found dead before it answered anything (closed by the server while
    /// idle) is replaced once and its envelopes sent again: nothing was answered, so
    /// nothing can be duplicated. Any other break gives its envelopes in flight a
    /// "will try again" outcome, and the lane opens a new connection for the rest.
    private func drive(lane: Int, batch: PipelineBatch) {
        var again: [SMTPPipeline.Job] = []
        var freshTries = 0
        while batch.hasWork || !again.isEmpty {
            let pipeline: SMTPPipeline
            if let open = pipelines[lane].pipeline {
                pipeline = open
            } else {
                do {
                    pipeline = try SMTPPipeline(configuration, server: server)
                } catch {
                    // This lane cannot connect: the others carry on; what is left when all
                    // have stopped is refused with this reason.
                    batch.noteStopped(error, giving: again)
                    return
                }
                batch.countOpened()
                pipelines[lane].pipeline = pipeline
            }
            let reused = pipeline.transactions > 0
            do {
                try pipeline.run(next: { again.popLast() ?? batch.take() }, record: batch.record)
            } catch {
                pipelines[lane].pipeline = nil
                if reused, !error.anyAnswer, freshTries == 0 {
                    freshTries += 1
                    again += error.inFlight.reversed()
                } else {
                    for job in error.inFlight { batch.record(job.index, .refused(error.error)) }
                }
            }
        }
    }

    /// Through libcurl's transfers, one per envelope, on the lanes at once.
    private func sendByTransfers(_ envelopes: [Envelope]) -> [SendOutcome] {
        var outcomes = [SendOutcome?](repeating: nil, count: envelopes.count)
        var waiting = envelopes.indices.reversed().map { SMTPJob(index: $0) }
        var idle = lanes
        var busy: [UnsafeMutableRawPointer: SMTPLane] = [:]

        while true {
            while !idle.isEmpty, let job = waiting.popLast() {
                let lane = idle.removeLast()
                do {
                    try lane.load(job, envelopes[job.index])
                    curl_multi_add_handle(multi, lane.handle.raw)
                    busy[lane.handle.raw] = lane
                } catch {
                    outcomes[job.index] = .refused(error)
                    lane.unload()
                    idle.append(lane)
                }
            }
            if busy.isEmpty { break }

            var running: Int32 = 0
            let performed = curl_multi_perform(multi, &running)
            if performed != CURLM_OK {
                let reason = String(cString: curl_multi_strerror(performed))
                for (_, lane) in busy {
                    if let job = lane.job {
                        outcomes[job.index] = .refused(TransportError(.retry, message: "libcurl failed while sending to \(server.address) (\(reason)): will try again"))
                    }
                    curl_multi_remove_handle(multi, lane.handle.raw)
                    lane.unload()
                }
                break
            }

            var finished = false
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let lane = busy.removeValue(forKey: easy), let job = lane.job
                else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                finished = true
                if lane.handle.openedConnection { connectionsOpened += 1 }
                if code != CURLE_OK, !job.freshConnection, lane.diedWhileIdle(code) {
                    waiting.append(SMTPJob(index: job.index, freshConnection: true))
                } else {
                    outcomes[job.index] = SMTPVerdict.outcome(of: code, on: lane.handle, envelope: envelopes[job.index], server: server)
                }
                lane.unload()
                idle.append(lane)
            }
            if !finished {
                curl_multi_poll(multi, nil, 0, 1000, nil)
            }
        }
        return outcomes.map { $0 ?? .refused(TransportError(.retry, message: "the batch to \(server.address) stopped before this envelope was sent: will try again")) }
    }
}

/// The envelopes of one pipelined batch, shared by its lane threads: which is next, and
/// the outcomes so far.
private final class PipelineBatch: @unchecked Sendable {
    private let envelopes: [Envelope]
    private let lock = NSLock()
    private var nextIndex = 0
    private var results: [SendOutcome?]
    private var opened = 0
    private var stopReason: TransportError?

    init(_ envelopes: [Envelope]) {
        self.envelopes = envelopes
        results = Array(repeating: nil, count: envelopes.count)
    }

    var hasWork: Bool { lock.withLock { nextIndex < envelopes.count } }

    func take() -> SMTPPipeline.Job? {
        lock.withLock {
            guard nextIndex < envelopes.count else { return nil }
            defer { nextIndex += 1 }
            return SMTPPipeline.Job(index: nextIndex, envelope: envelopes[nextIndex])
        }
    }

    func record(_ index: Int, _ outcome: SendOutcome) {
        lock.withLock { results[index] = outcome }
    }

    func countOpened() { lock.withLock { opened += 1 } }

    /// A lane that could not connect: the envelopes it held are refused with why.
    func noteStopped(_ error: TransportError, giving jobs: [SMTPPipeline.Job]) {
        lock.withLock {
            stopReason = error
            for job in jobs { results[job.index] = .refused(error) }
        }
    }

    /// Every envelope's outcome; one no lane reached is refused with the reason the lanes
    /// stopped (they could not connect), to be tried again.
    func outcomes() -> [SendOutcome] {
        lock.withLock {
            let reason = stopReason ?? TransportError(.retry, message: "the batch stopped before this envelope was sent: will try again")
            return results.map { $0 ?? .refused(reason) }
        }
    }

    var openedCount: Int { lock.withLock { opened } }
}

/// One connection's pipeline, kept between batches.
private final class PipelineSlot {
    var pipeline: SMTPPipeline?
}

/// Hands a non-Sendable reference to a thread that is known to be the only one using the
/// parts it touches (each lane thread owns its own pipeline slot).
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
