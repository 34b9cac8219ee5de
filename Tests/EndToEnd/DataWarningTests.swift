import Foundation
import Testing

/// Warnings about the data, printed before the run: a bar one instrument lacks at a time the
/// others have (the bundled KO has two days fewer than PEP) is counted, never silent.
@Suite struct DataWarningTests {
  @Test func aGapInOneInstrumentIsCounted() throws {
    let run = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--instrument", "a=KO", "--instrument", "b=PEP",
      "--out", Stratc.temporaryDirectory(), "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains(
      "warning[data.missing-bars]: `KO` (Examples/data/KO.csv) has no bar at 2 of the 1180 times the other instruments have from 2020-07-27T04:00:00Z to 2025-04-04T04:00:00Z; the first is 2021-04-19T04:00:00Z"),
      "\(run.stderr)")
    #expect(!run.stderr.contains("`PEP`"), "\(run.stderr)")
  }

  @Test func alignedDataGivesNoWarning() throws {
    let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", Stratc.temporaryDirectory(), "--quiet"])
    #expect(run.status == 0)
    #expect(!run.stderr.contains("missing-bars"), "\(run.stderr)")
  }
}
