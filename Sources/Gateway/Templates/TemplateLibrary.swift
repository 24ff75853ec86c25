import Foundation
import Mustache

/// The Mustache templates of every email the gateway writes itself, one folder per language.
///
/// A template file is `Templates/<lang>/<name>.mustache`. Its first line is `Subject: …`,
/// then a blank line, then the plain-text body. Templates are plain text: nothing is
/// HTML-escaped. A template missing in one language falls back to the other, so a half
/// translated folder still sends something readable.
public struct TemplateLibrary: Sendable {
    /// One rendered email: the subject line and the body.
    public struct Rendered: Sendable, Equatable {
        public var subject: String
        public var body: String
    }

    /// Why a template could not be used.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static let languages = ["fr", "en"]
    private let library: MustacheLibrary
    private let names: Set<String>
    /// Each template's text (subject and body), by `<lang>/<name>`, to tell what it uses.
    private let sources: [String: String]

    /// Loads every `*.mustache` file under `directory/fr` and `directory/en`.
    public init(directory: String) throws(Failure) {
        var library = MustacheLibrary()
        var names = Set<String>()
        var sources: [String: String] = [:]
        for language in Self.languages {
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(language)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files where file.hasSuffix(".mustache") {
                let name = language + "/" + String(file.dropLast(".mustache".count))
                do {
                    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                    let (subject, body) = Self.split(source: text)
                    // Plain-text mail: never HTML-escape what parties wrote.
                    try library.register("{{% CONTENT_TYPE: TEXT}}" + subject, named: name + ".subject")
                    try library.register("{{% CONTENT_TYPE: TEXT}}" + body, named: name)
                    sources[name] = text
                } catch {
                    throw Failure(message: "template \(folder.path)/\(file) cannot be used: \(error)")
                }
                names.insert(name)
            }
        }
        guard !names.isEmpty else {
            throw Failure(message: "no templates found in \(directory)/fr or \(directory)/en: check templates.directory")
        }
        self.library = library
        self.names = names
        self.sources = sources
    }

    /// Whether a template exists in at least one language.
    public func has(_ name: String) -> Bool {
        Self.languages.contains { names.contains("\($0)/\(name)") }
    }

    /// Whether `name`, as rendered in `language`, may use any of `keys`, or include another
    /// template or changes delimiters (whose keys cannot be told from here). Copies rendered from a template that
    /// uses none of a reader's own values read the same for every such reader.
    public func mayUse(_ keys: [String], in name: String, language: String) -> Bool {
        guard let chosen = chosen(name, language), let source = sources["\(chosen)/\(name)"] else { return true }
        return source.contains("{{>") || source.contains("{{<") || source.contains("{{=") || keys.contains { source.contains($0) }
    }

    /// The language `name` is rendered in: `language`, or the other when it is missing there.
    private func chosen(_ name: String, _ language: String) -> String? {
        ([language] + Self.languages.filter { $0 != language }).first { names.contains("\($0)/\(name)") }
    }

    /// Renders `name` in `language` (falling back to the other language) with `context`.
    public func render(_ name: String, language: String, _ context: [String: Any]) throws(Failure) -> Rendered {
        guard let chosen = chosen(name, language),
              let subject = library.render(context, withTemplate: "\(chosen)/\(name).subject"),
              let body = library.render(context, withTemplate: "\(chosen)/\(name)")
        else {
            throw Failure(message: "no template named \(name) in \(Self.languages.joined(separator: " or "))")
        }
        // A subject never spans lines, whatever a context value held (no header injection).
        let oneLine = subject.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).joined(separator: " ")
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return Rendered(
            subject: oneLine.trimmingCharacters(in: .whitespaces),
            body: lines.joined(separator: "\n") + "\n"
        )
    }

    /// Separates a template's `Subject:` first line from its body (after one blank line).
    static func split(source: String) -> (subject: String, body: String) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("Subject:") else { return ("", source) }
        lines.removeFirst()
        if lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        let subject = first.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces)
        return (subject, lines.joined(separator: "\n"))
    }
}
