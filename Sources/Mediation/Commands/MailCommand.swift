/// A command written at the top of a reply, one per line starting with `/`.
public enum MailCommand: Sendable, Hashable {
    /// `/aside Consumer 12, Acme`: open an aside with these members (and the mediator).
    case openAside(members: [String])
    /// `/aside add Consumer 3`: add members to the aside this reply was written in.
    case addToAside(members: [String])
    /// `/close`, or `/close settled` when an agreement was reached.
    case close(settled: Bool)
    /// `/extend 15`: push the room's deadline by that many days.
    case extend(days: Int)
    /// `/withdraw` or `/retrait`: the writer leaves the case.
    case withdraw
    /// `/remove Consumer 7`: take a participant out of the case.
    case remove(String)
    /// `/expert add "Jane Roe <jane@lab.example>"`: add an expert to the case.
    case addExpert(name: String, address: String)
    /// `/approve` or `/approuver`: the reviewing lawyer approves the settlement agreement.
    case approve
    /// `/help`: the list of commands the writer may use.
    case help
    /// A line starting with `/` that is none of the above, kept to tell the writer.
    case unknown(String)

    /// Whether a participant with `role` may use this command. Running the case belongs to
    /// the mediator; withdrawing belongs to consumers; anyone may ask for help, and an
    /// unknown command is answered with help whoever wrote it.
    public func isAllowed(for role: Role) -> Bool {
        switch self {
        case .openAside, .addToAside, .close, .extend, .remove, .addExpert: role == .mediator
        case .withdraw: role == .consumer
        // The lawyer reviews the agreement; the mediator does when the case has no lawyer.
        case .approve: role == .lawyer || role == .mediator
        case .help, .unknown: true
        }
    }
}
