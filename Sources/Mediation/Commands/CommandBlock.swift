/// The commands at the top of a reply, and the message that follows them.
///
/// Only the leading lines count: blank lines are skipped, every line starting with `/` is a
/// command, and the first other line ends the block. A `/close` further down, or in quoted
/// history, is text, never a command. The caller passes the reply text with quotes already
/// removed, so commands in quoted history never even reach this parser.
public struct CommandBlock: Sendable, Hashable {
    public var commands: [MailCommand]
    /// The reply after the command lines, to post as the message (may be empty).
    public var body: String

    public init(commands: [MailCommand], body: String) {
        self.commands = commands
        self.body = body
    }

    public init(parsing replyText: String) {
        var commands: [MailCommand] = []
        // Line by line from the top, only as far as the commands go: most replies have
        // none, and their text is not split into lines at all.
        var rest = replyText[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let text = rest[..<end].trimmingWhitespace()
            guard text.isEmpty || text.hasPrefix("/") else { break }
            if !text.isEmpty { commands.append(Self.parseCommand(text)) }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        self.commands = commands
        self.body = rest.trimmingWhitespace().description
    }

    static func parseCommand(_ line: Substring) -> MailCommand {
        let words = line.dropFirst().split(maxSplits: 1, whereSeparator: \.isWhitespace)
        let verb = words.first?.lowercased() ?? ""
        let rest = words.count > 1 ? words[1].trimmingWhitespace() : ""
        switch verb {
        case "aside", "aparte", "aparté":
            if let add = rest.split(maxSplits: 1, whereSeparator: \.isWhitespace).first,
               add.lowercased() == "add" || add.lowercased() == "ajouter" {
                let names = nameList(rest.dropFirst(add.count))
                return names.isEmpty ? .unknown(String(line)) : .addToAside(members: names)
            }
            let names = nameList(rest)
            return names.isEmpty ? .unknown(String(line)) : .openAside(members: names)
        case "close", "clore":
            switch rest.lowercased() {
            case "": return .close(settled: false)
            case "settled", "accord": return .close(settled: true)
            default: return .unknown(String(line))
            }
        case "extend", "prolonger":
            guard let days = Int(rest), days > 0, days <= 365 else { return .unknown(String(line)) }
            return .extend(days: days)
        case "withdraw", "retrait":
            return rest.isEmpty ? .withdraw : .unknown(String(line))
        case "remove", "retirer":
            return rest.isEmpty ? .unknown(String(line)) : .remove(String(rest))
        case "expert":
            guard let add = rest.split(maxSplits: 1, whereSeparator: \.isWhitespace).first,
                  add.lowercased() == "add" || add.lowercased() == "ajouter",
                  let (name, address) = nameAndAddress(rest.dropFirst(add.count))
            else { return .unknown(String(line)) }
            return .addExpert(name: name, address: address)
        case "approve", "approuver":
            return rest.isEmpty ? .approve : .unknown(String(line))
        case "help", "aide":
            return .help
        default:
            return .unknown(String(line))
        }
    }

    /// "Consumer 12, Acme ,  Jane" → ["Consumer 12", "Acme", "Jane"].
    static func nameList(_ text: Substring) -> [String] {
        text.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    /// `"Jane Roe <jane@lab.example>"`, `Jane Roe <jane@lab.example>` or `jane@lab.example`.
    static func nameAndAddress(_ text: Substring) -> (String, String)? {
        var spec = text.trimmingWhitespace()
        if spec.count >= 2, spec.first == "\"", spec.last == "\"" { spec = spec.dropFirst().dropLast() }
        if let open = spec.lastIndex(of: "<"), let close = spec.lastIndex(of: ">"), open < close {
            let address = spec[spec.index(after: open)..<close].trimmingWhitespace()
            var name = spec[..<open].trimmingWhitespace()
            if name.count >= 2, name.first == "\"", name.last == "\"" { name = name.dropFirst().dropLast() }
            return isPlausibleAddress(address) ? (String(name), String(address)) : nil
        }
        return isPlausibleAddress(spec) ? ("", String(spec)) : nil
    }

    static func isPlausibleAddress(_ text: Substring) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: \.isWhitespace)
    }
}
