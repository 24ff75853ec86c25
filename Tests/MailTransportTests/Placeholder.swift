import Testing
@testable import MailTransport
