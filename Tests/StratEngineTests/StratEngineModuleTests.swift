import Testing
@testable import StratEngine

@Suite struct StratEngineModuleTests {
  @Test func moduleLinks() { #expect("\(StratEngine.self)" == "StratEngine") }
}
