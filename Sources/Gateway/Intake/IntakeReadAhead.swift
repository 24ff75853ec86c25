import Foundation
import MIME
import Store

/// The next batch of pending messages, parsed and read on another core while the writer
/// posts the batch before it.
///
/// Parsing the MIME, decoding the text, stripping quotes and checking tags need nothing
/// from the store, and take about a third of Intake's time; the transaction only looks
/// things up and writes. Reading one batch ahead keeps both cores busy without holding
/// more than two batches in memory.
final class IntakeReadAhead: @unchecked Sendable {
    let messages: [InboundMessage]
    private var readings: [InboundReading] = []
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `messages` (oldest first, not empty) on another thread.
    init(_ messages: [InboundMessage], context: GatewayContext) {
        self.messages = messages
        DispatchQueue.global().async { [self] in
            readings = messages.map {
                InboundReading(MailMessage(parsing: $0.raw), addresses: context.addresses, screening: context.screening)
            }
            done.signal()
        }
    }

    /// The highest id in the batch: the next read starts after it.
    var lastID: Int64 { messages.last!.id! }

    /// Each message with its reading, once all are read. Called once.
    func take() -> [(inbound: InboundMessage, reading: InboundReading)] {
        done.wait()
        return Array(zip(messages, readings))
    }
}
