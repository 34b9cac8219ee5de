import Testing

@testable import StratNet

@Suite struct StratNetModuleTests {
  @Test func moduleLinks() { #expect("\(StratNet.self)" == "StratNet") }
}
