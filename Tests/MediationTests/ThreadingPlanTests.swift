import Testing
@testable import Mediation

/// Message-IDs are stored bare: no surrounding white space, no angle brackets.
@Suite("Threading: bare Message-IDs")
struct ThreadingPlanTests {
    @Test(arguments: [
        ("truce.12.ab34@mediation.test", "truce.12.ab34@mediation.test"),
        ("<m1@consumer.test>", "m1@consumer.test"),
        ("  <m1@consumer.test>\r\n", "m1@consumer.test"),
        ("<m1@consumer.test", "m1@consumer.test"),
        ("m1@consumer.test>", "m1@consumer.test"),
        ("\u{00A0}m1@consumer.test\u{2003}", "m1@consumer.test"),
        ("\tm1@consumer.test", "m1@consumer.test"),
        ("", ""),
        ("   ", ""),
        ("<>", ""),
    ])
    func bare(_ id: String, _ expected: String) {
        #expect(ThreadingPlan.bare(id) == expected)
    }
}
