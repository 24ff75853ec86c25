import Foundation
import Mediation
import Store

/// Runs the commands at the top of a reply, inside Intake's transaction.
///
/// Only commands from the top of the reply text reach here (never from quoted history).
/// Each command is answered: a confirmation, or a sentence saying what went wrong; an
/// unknown command, or one the writer's role may not use, gets the help text.
struct Commands {
    let handling: Handling
    let author: Participant
    let channel: Channel
    let caseRecord: Case

    var session: StoreSession { handling.session }
    var context: GatewayContext { handling.context }
    var now: Date { handling.now }
    var fr: Bool { author.language == .fr }

    /// Runs `commands` in order; returns the channel the rest of the message goes to when a
    /// command opened one (`/aside` followed by text posts that text in the new aside).
    func run(_ commands: [MailCommand]) throws -> Channel? {
        var target: Channel?
        var lines: [String] = []
        for command in commands {
            // In the record before it runs, so what it does is chained after it.
            try CaseAudit.append(
                caseNumber: caseRecord.number, kind: "command.received",
                detail: ["command": describe(command), "author": String(author.id),
                         "allowed": command.isAllowed(for: author.role) ? "yes" : "no"],
                session: session, at: now)
            guard command.isAllowed(for: author.role) else {
                try help(unknown: describe(command))
                continue
            }
            switch command {
            case let .openAside(names):
                let (opened, said) = try openAside(names)
                lines += said
                if let opened { target = opened }
            case let .addToAside(names):
                lines += try addToAside(names)
            case let .close(settled):
                lines += try close(settled: settled)
            case let .extend(days):
                lines += try extend(days: days)
            case .withdraw:
                try withdraw()
            case let .remove(name):
                lines += try remove(name)
            case let .addExpert(name, address):
                lines += try addExpert(name: name, address: address)
            case .approve:
                lines += try approveProtocole()
            case .help:
                try help(unknown: nil)
            case let .unknown(text):
                try help(unknown: text)
            }
        }
        if !lines.isEmpty {
            try confirm(lines)
        }
        return target
    }

    private func describe(_ command: MailCommand) -> String {
        switch command {
        case .openAside: "/aside"
        case .addToAside: "/aside add"
        case .close: "/close"
        case .extend: "/extend"
        case .withdraw: "/withdraw"
        case .remove: "/remove"
        case .addExpert: "/expert add"
        case .approve: "/approve"
        case .help: "/help"
        case let .unknown(text): text
        }
    }

    /// Resolves names to participants; a name that is unknown or ambiguous is said back.
    private func resolve(_ names: [String]) throws -> (found: [Participant], problems: [String]) {
        let participants = try session.participants(caseNumber: caseRecord.number)
        var found: [Participant] = []
        var problems: [String] = []
        for name in names {
            switch ParticipantResolver.resolve(name, among: participants, companyName: caseRecord.companyName) {
            case let .found(matches):
                found += matches.filter { match in !found.contains { $0.id == match.id } }
            case .ambiguous:
                problems.append(fr ? "« \(name) » désigne plusieurs participants : précisez (ex. Consommateur 12)."
                                   : "\"\(name)\" names several participants: be more precise (e.g. Consumer 12).")
            case .unknown:
                problems.append(fr ? "« \(name) » ne désigne aucun participant actif de la médiation."
                                   : "\"\(name)\" is not an active participant of this mediation.")
            }
        }
        return (found, problems)
    }

    private func openAside(_ names: [String]) throws -> (Channel?, [String]) {
        let (members, problems) = try resolve(names)
        guard problems.isEmpty, !members.isEmpty else {
            return (nil, problems + [fr ? "L'aparté n'a pas été ouvert." : "The aside was not opened."])
        }
        let aside = try AsideOpening(context: context, session: session, now: now).open(
            caseRecord: caseRecord, subject: nil, openedBy: author.id, members: members)
        let list = members.map { $0.publicName(in: author.language) }.joined(separator: ", ")
        return (aside, [fr ? "Aparté ouvert avec : \(list)." : "Aside opened with: \(list)."])
    }

    private func addToAside(_ names: [String]) throws -> [String] {
        guard channel.kind == .aside else {
            return [fr ? "/aside add s'écrit en réponse à un message de l'aparté concerné."
                       : "/aside add must be written in reply to a message of the aside."]
        }
        let (members, problems) = try resolve(names)
        guard problems.isEmpty else { return problems }
        let newcomers = members.filter { !channel.memberIDs.contains($0.id) }
        try session.addMembers(channelID: channel.id, participantIDs: Set(newcomers.map(\.id)), at: now)
        let updated = try session.channel(id: channel.id) ?? channel
        try context.postOffice.notice("aside_opening", kind: .asideOpening, to: newcomers, in: updated,
                                      session: session, at: now)
        let list = newcomers.map { $0.publicName(in: author.language) }.joined(separator: ", ")
        return [newcomers.isEmpty
            ? (fr ? "Ces participants étaient déjà membres de l'aparté." : "These participants were already members.")
            : (fr ? "Ajoutés à l'aparté : \(list)." : "Added to the aside: \(list).")]
    }

    private func close(settled: Bool) throws -> [String] {
        try RoomClosing(context: context, session: session, now: now).close(caseRecord, settled: settled)
        return [fr ? "La médiation est close." : "The mediation is closed."]
    }

    private func extend(days: Int) throws -> [String] {
        let deadline = caseRecord.deadline.addingTimeInterval(TimeInterval(days) * 86_400)
        let limit = caseRecord.openedAt.addingTimeInterval(TimeInterval(context.configuration.mediation.maxDays) * 86_400)
        guard deadline <= limit else {
            let maxDays = context.configuration.mediation.maxDays
            return [fr ? "Impossible : la médiation ne peut pas dépasser \(maxDays) jours depuis son ouverture (au plus tard le \(Wording.date(limit, .fr)))."
                       : "Not possible: a mediation may not last more than \(maxDays) days from its opening (until \(Wording.date(limit, .en)) at the latest)."]
        }
        try session.setDeadline(caseNumber: caseRecord.number, to: deadline)
        try Scheduler.armReminders(caseNumber: caseRecord.number, deadline: deadline, openedAt: caseRecord.openedAt,
                                   session: session, now: now)
        let participants = try session.participants(caseNumber: caseRecord.number).filter(\.isActive)
        let room = try session.room(caseNumber: caseRecord.number)
        try context.postOffice.notice("room_extended", to: participants, in: room, session: session, at: now)
        return [fr ? "La salle est prolongée jusqu'au \(Wording.date(deadline, .fr)) ; toutes les parties sont prévenues."
                   : "The room is extended until \(Wording.date(deadline, .en)); every party has been told."]
    }

    private func withdraw() throws {
        // Confirm first: once withdrawn, the participant is no longer a member of anything.
        let line = fr ? "Votre retrait de la médiation n° \(caseRecord.number) est enregistré. Vous ne recevrez plus de messages de cette médiation."
                      : "Your withdrawal from mediation #\(caseRecord.number) is recorded. You will receive no more messages from this mediation."
        try context.postOffice.notice(
            "command_done", context: ["summary": fr ? "retrait" : "withdrawal", "lines": [line]],
            to: [author], in: channel, session: session, at: now)
        try session.setState(participantID: author.id, to: .withdrawn)
    }

    private func remove(_ name: String) throws -> [String] {
        let (found, problems) = try resolve([name])
        guard problems.isEmpty else { return problems }
        let removable = found.filter { $0.role != .mediator }
        for participant in removable { try session.setState(participantID: participant.id, to: .removed) }
        let list = removable.map { $0.publicName(in: author.language) }.joined(separator: ", ")
        return [fr ? "Retiré(s) de la médiation : \(list)." : "Removed from the mediation: \(list)."]
    }

    private func addExpert(name: String, address: String) throws -> [String] {
        if try session.participant(caseNumber: caseRecord.number, address: address) != nil {
            return [fr ? "Cet expert participe déjà à la médiation." : "This expert is already a participant."]
        }
        let expert = try session.addParticipant(
            caseNumber: caseRecord.number, role: .expert, address: address,
            displayName: name.isEmpty ? address : name, language: caseRecord.language, at: now)
        return [fr ? "Expert ajouté : \(expert.displayName). Ajoutez-le à un aparté (/aside add \(expert.displayName)) pour qu'il reçoive des messages."
                   : "Expert added: \(expert.displayName). Add them to an aside (/aside add \(expert.displayName)) so they receive messages."]
    }

    private func help(unknown: String?) throws {
        var values: [String: Any] = [:]
        if let unknown { values["unknown"] = unknown }
        if author.role == .mediator {
            let notes = try session.notes(caseNumber: caseRecord.number)
            values["notes_address"] = context.addresses.replyAddress(
                caseNumber: caseRecord.number, channel: notes.id, participant: author.id)
        }
        try context.postOffice.notice("command_help", context: values, to: [author], in: channel, session: session, at: now)
    }

    private func confirm(_ lines: [String]) throws {
        try context.postOffice.notice(
            "command_done",
            context: ["summary": lines.first ?? "", "lines": lines],
            to: [author], in: channel, session: session, at: now)
    }
}
