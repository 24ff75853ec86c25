import ArgumentParser
import Foundation
import Gateway

extension Truce {
    /// `truce aside …`: private conversations inside a case.
    struct AsideCommands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aside",
            abstract: "Open a private aside inside a case.",
            discussion: "An aside is a conversation between the mediator and some parties; nothing said in it reaches anyone else.",
            subcommands: [Open.self]
        )
    }
}

extension Truce.AsideCommands {
    /// `truce aside open`: the operator opens an aside on the mediator's behalf.
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open an aside with some parties and email each.",
            discussion: """
                The mediator is always a member; each member gets a first message from the aside. \
                Each --with names one party: an address, a pseudonym (Consumer 12, Consommateur 12, #12), \
                a display name, or the company's name for its whole legal team. A name that fits nobody, \
                or several people, stops everything: nothing is opened.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        @Option(name: .customLong("with"), help: ArgumentHelp("A member: an address or a pseudonym; repeat for each.", valueName: "address-or-pseudonym"))
        var members: [String] = []

        @Option(help: "The aside's subject (default: the members' names).")
        var subject: String?

        func validate() throws {
            try ArgumentCheck.caseNumber(caseNumber)
            guard !members.isEmpty else {
                throw ValidationError("Name at least one member: --with \"Consumer 12\" or --with address@example.org.")
            }
        }

        func run() async throws {
            let desk = try await options.caseDesk()
            let opened = try Standard.refusing { try desk.openAside(caseNumber: caseNumber, with: members, subject: subject) }
            print("aside \(opened.channel.id) opened in case \(caseNumber): \(opened.channel.subject ?? "")")
            for member in opened.members {
                print("  \(member.id)  \(member.role.rawValue)  \(member.publicName(in: .en))  <\(member.originalAddress)>")
            }
        }
    }
}
