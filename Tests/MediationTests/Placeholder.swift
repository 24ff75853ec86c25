import Testing
@testable import Mediation
