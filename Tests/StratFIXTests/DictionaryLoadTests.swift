import Testing

@testable import StratFIX

@Suite struct StratFIXModuleTests {
  @Test func moduleExists() { _ = StratFIX.self }
}
