import CCurl
import Foundation

/// The SMTP connections an `SMTPSender` keeps between batches: a curl multi handle (which
/// owns the open connections) and one lane per connection.
///
/// Not thread-safe; `SMTPSender` holds it behind a lock.
final class SMTPConnections {
    private let multi: UnsafeMutableRawPointer
    private let lanes: [SMTPLane]
    let server: ServerContext
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

    /// Sends every envelope on the lanes at once; one outcome per envelope, in order.
    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
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
