import Testing

@testable import StratVenue

@Suite struct StratVenueModuleTests {
  @Test func moduleExists() { _ = StratVenue.self }
}
