import ArgumentParser
import Foundation
import Gateway
import Mediation

extension Truce {
    /// `truce case …`: open cases, add their parties, and look at them.
    struct CaseCommands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case",
            abstract: "Open cases, add parties, and look at them.",
            subcommands: [
                Open.self, Add.self, Show.self, List.self, Notes.self, Truce.CaseLedger.self, Truce.CaseVerify.self,
                Truce.CaseExportCommand.self, Truce.CaseJoinAddress.self,
            ]
        )
    }
}

extension Truce.CaseCommands {
    /// `truce case open`: a new case with its company, mediator and lawyer, each welcomed by email.
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a case and email a welcome to its parties.",
            discussion: """
                Adds the company's legal team, the mediator and the lawyer, and emails each a welcome. \
                Prints the case number. The company's name is the first --company's display name without \
                what is in parentheses ("Acme (legal team)" is the company Acme); every address of the \
                legal team shares that display name.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "The case's title, as parties see it in every subject.")
        var title: String

        @Option(help: ArgumentHelp("A member of the company's legal team; repeat for each.", valueName: "Name <address>"))
        var company: [String] = []

        @Option(help: ArgumentHelp("The mediator.", valueName: "Name <address>"))
        var mediator: String

        @Option(help: ArgumentHelp("The contract lawyer.", valueName: "Name <address>"))
        var lawyer: String?

        @Option(help: "How many days the room stays open (default: mediation.room_days; at most mediation.max_days).")
        var days: Int?

        @Option(help: ArgumentHelp("The case's language, fr or en (default: mediation.language).", valueName: "fr|en"))
        var language: String?

        @Flag(help: "Print a JSON object (case, title, deadline, participants) instead of the case number.")
        var json = false

        func validate() throws {
            guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("The case needs a title: --title \"Late deliveries\".")
            }
            guard !company.isEmpty else {
                throw ValidationError("The case needs the company's legal team: --company \"Acme <legal@acme.example>\".")
            }
            _ = try ArgumentCheck.parties(company, option: "company")
            _ = try ArgumentCheck.parties([mediator], option: "mediator")
            _ = try ArgumentCheck.parties(lawyer.map { [$0] } ?? [], option: "lawyer")
            _ = try ArgumentCheck.language(language)
            if let days, days < 1 {
                throw ValidationError("--days must be at least 1: a room is open for one day or more.")
            }
        }

        func run() async throws {
            let desk = try await options.caseDesk()
            let opening = CaseDesk.CaseOpening(
                title: title, company: try ArgumentCheck.parties(company, option: "company"),
                mediator: try ArgumentCheck.parties([mediator], option: "mediator")[0],
                lawyer: try ArgumentCheck.parties(lawyer.map { [$0] } ?? [], option: "lawyer").first,
                roomDays: days, language: try ArgumentCheck.language(language))
            let opened = try Standard.refusing { try desk.openCase(opening) }
            if json {
                print(try OperatorJSON.string(OpenedCaseJSON(opened)))
            } else {
                print(opened.caseRecord.number)
            }
        }
    }

    /// `truce case add`: consumers, experts and more parties, one by one or from a CSV file.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add consumers, experts or others; or import a CSV.",
            discussion: """
                Consumers appear to others under a pseudonym (Consumer 12). Everyone added gets a welcome \
                email, except experts, who join only the asides they are added to. An address already in \
                the case is skipped, so the same import can be run again safely. The CSV columns are \
                name,email,language (a header row is optional; a fourth column claim_amount, like 120.50 or \
                "1 500 €", is stored as the consumer's claim); rows that cannot be used are reported by line number and skipped.
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The case number.")
        var caseNumber: Int64

        @Option(help: ArgumentHelp("A consumer; repeat for each.", valueName: "Name <address>"))
        var consumer: [String] = []

        @Option(help: ArgumentHelp("An expert, who joins only asides; repeat for each.", valueName: "Name <address>"))
        var expert: [String] = []

        @Option(help: ArgumentHelp("A lawyer.", valueName: "Name <address>"))
        var lawyer: [String] = []

        @Option(help: ArgumentHelp("Another member of the company's legal team.", valueName: "Name <address>"))
        var company: [String] = []

        @Option(help: ArgumentHelp("A CSV file of consumers: name,email,language.", valueName: "file"))
        var csv: String?

        @Option(help: ArgumentHelp("The language of those added without one, fr or en (default: the case's).", valueName: "fr|en"))
        var language: String?

        func validate() throws {
            try ArgumentCheck.caseNumber(caseNumber)
            let named = consumer.count + expert.count + lawyer.count + company.count
            if csv != nil, named > 0 {
                throw ValidationError("Give people either with --consumer/--expert/--lawyer/--company or in a file with --csv, not both.")
            }
            if csv == nil, named == 0 {
                throw ValidationError("Say whom to add: --consumer \"Name <address>\" (repeatable) or --csv FILE.")
            }
            _ = try newcomers()
            _ = try ArgumentCheck.language(language)
        }

        private func newcomers() throws -> [Newcomer] {
            let language = try ArgumentCheck.language(language)
            let groups: [(Role, String, [String])] = [
                (.consumer, "consumer", consumer), (.expert, "expert", expert),
                (.lawyer, "lawyer", lawyer), (.company, "company", company),
            ]
            return try groups.flatMap { role, option, texts in
                try ArgumentCheck.parties(texts, option: option).map { Newcomer(role: role, party: $0, language: language) }
            }
        }

        func run() async throws {
            let desk = try await options.caseDesk()
            let report: ImportReport
            if let csv {
                guard let data = FileManager.default.contents(atPath: csv) else {
                    Standard.error("cannot read \(csv): no such file, or not readable")
                    throw ExitCode.failure
                }
                var text = String(decoding: data, as: UTF8.self)
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                report = try Standard.refusing {
                    try desk.importClaimants(
                        caseNumber: caseNumber, csv: text, language: try ArgumentCheck.language(language)
                    ) { done, total in Standard.error("\(done) of \(total) rows done") }
                }
            } else {
                let newcomers = try newcomers()
                report = try Standard.refusing { try desk.addParticipants(caseNumber: caseNumber, newcomers) }
            }
            for row in report.rejected {
                Standard.error("\(csv ?? "input"):\(row.line): \(row.reason); row skipped")
            }
            // A large import is summed up; `truce case show` lists everyone.
            for participant in report.added where report.added.count <= 50 {
                print("\(participant.id)  \(participant.role.rawValue)  \(participant.publicName(in: .en))  <\(participant.originalAddress)>")
            }
            print(report.summary)
        }
    }
}

/// What `truce case open --json` prints.
struct OpenedCaseJSON: Encodable {
    struct Party: Encodable {
        var id: Int64
        var role: String
        var name: String
        var address: String
        var language: String
    }

    var `case`: Int64
    var title: String
    var company: String
    var language: String
    var deadline: Date
    var participants: [Party]
    var welcomes: Int

    init(_ opened: CaseDesk.OpenedCase) {
        `case` = opened.caseRecord.number
        title = opened.caseRecord.title
        company = opened.caseRecord.companyName
        language = opened.caseRecord.language.rawValue
        deadline = opened.caseRecord.deadline
        participants = opened.participants.map {
            Party(id: $0.id, role: $0.role.rawValue, name: $0.displayName, address: $0.originalAddress,
                  language: $0.language.rawValue)
        }
        welcomes = opened.welcomes
    }
}
