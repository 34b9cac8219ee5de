import Testing
@testable import StratRuntime

@Suite struct StratRuntimeModuleTests {
  @Test func moduleLinks() { #expect("\(StratRuntime.self)" == "StratRuntime") }
}
