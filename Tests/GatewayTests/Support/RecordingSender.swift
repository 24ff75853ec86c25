import Foundation
import MailTransport
import Synchronization

/// An SMTP server in memory, like maddy's test target: it records every envelope it was
/// given and answers each recipient as the test said (accept by default).
final class RecordingSender: MailSender {
    /// How the fake server answers one recipient.
    enum Answer: Sendable {
        case accept
        /// A 4xx: try again later.
        case transient
        /// A 5xx: never try again.
        case permanent
    }

    private struct State {
        var log: [(envelope: Envelope, outcome: SendOutcome)] = []
        var answers: [String: Answer] = [:]
        var everyone: Answer = .accept
    }

    private let state = Mutex(State())

    /// Answers mail for `recipient` (any case) this way from now on.
    func answer(_ recipient: String, with answer: Answer) {
        state.withLock { $0.answers[recipient.lowercased()] = answer }
    }

    /// Answers every recipient without an answer of their own this way.
    func answerEveryone(with answer: Answer) {
        state.withLock { $0.everyone = answer }
    }

    /// Every envelope given to the server, accepted or not, in order.
    var envelopes: [Envelope] { state.withLock { $0.log.map(\.envelope) } }

    /// Envelopes the server accepted, in order.
    var accepted: [Envelope] {
        state.withLock { $0.log.filter { if case .accepted = $0.outcome { true } else { false } }.map(\.envelope) }
    }

    /// Forgets what was recorded (the answers stay).
    func reset() {
        state.withLock { $0.log = [] }
    }

    func send(_ envelopes: [Envelope]) -> [SendOutcome] {
        state.withLock { state in
            let outcomes = envelopes.map { envelope -> SendOutcome in
                switch state.answers[envelope.recipient.lowercased()] ?? state.everyone {
                case .accept:
                    .accepted(reply: "250 2.0.0 Ok: queued")
                case .transient:
                    .refused(TransportError(.retry, serverCode: 451, message: "451 4.3.0 try again later"))
                case .permanent:
                    .refused(TransportError(.giveUp, serverCode: 550, message: "550 5.1.1 no such user"))
                }
            }
            state.log += zip(envelopes, outcomes).map { ($0, $1) }
            return outcomes
        }
    }
}
