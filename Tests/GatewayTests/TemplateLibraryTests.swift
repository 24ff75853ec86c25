import Foundation
import Testing
@testable import Gateway

@Suite("Templates")
struct TemplateLibraryTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path

    static func names(_ language: String) -> Set<String> {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + language)) ?? []
        return Set(files.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) })
    }

    @Test func everyTemplateExistsInBothLanguages() {
        #expect(!Self.names("en").isEmpty)
        #expect(Self.names("en") == Self.names("fr"))
    }

    @Test(arguments: ["fr", "en"])
    func everyTemplateHasASubjectAndABody(language: String) throws {
        let library = try TemplateLibrary(directory: Self.directory)
        for name in Self.names(language) {
            let rendered = try library.render(name, language: language, ["gateway_name": "Truce", "case_number": 12, "subject": "Re: x"])
            #expect(!rendered.subject.isEmpty, "\(language)/\(name) has no Subject line")
            #expect(!rendered.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(language)/\(name)")
        }
    }

    @Test func valuesAreNotHTMLEscapedAndSubjectsStayOneLine() throws {
        let library = try TemplateLibrary(directory: Self.directory)
        let rendered = try library.render("welcome", language: "en", [
            "gateway_name": "Truce", "case_number": 3, "case_title": "Fees <& \"charges\">\nBcc: x@y",
            "recipient_name": "Zoë", "recipient_public_name": "Consumer 4", "is_consumer": true,
        ])
        #expect(rendered.subject == "[Truce #3] Fees <& \"charges\"> Bcc: x@y: you are part of this mediation")
        #expect(rendered.body.contains("Hello Zoë,"))
        #expect(rendered.body.contains("\"Consumer 4\""))
        #expect(rendered.body.contains("/withdraw"))
    }

    @Test func theLegalWordingIsInTheWelcome() throws {
        let library = try TemplateLibrary(directory: Self.directory)
        let fr = try library.render("welcome", language: "fr", ["is_consumer": true])
        #expect(fr.body.contains("vous retirer à tout moment"))
        #expect(fr.body.contains("gratuite"))
        let company = try library.render("welcome", language: "en", ["is_consumer": false])
        #expect(company.body.contains("withdraw from the mediation at any time"))
        #expect(!company.body.contains("free for you"))
    }

    @Test func anUnknownTemplateIsAnError() throws {
        let library = try TemplateLibrary(directory: Self.directory)
        #expect(throws: TemplateLibrary.Failure.self) { try library.render("nonexistent", language: "fr", [:]) }
        #expect(throws: TemplateLibrary.Failure.self) { try TemplateLibrary(directory: "/nonexistent") }
    }
}
