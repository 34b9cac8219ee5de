import StratIR
import Testing

@Suite struct StaticReportTests {
  @Test func countsThePairsStrategy() {
    let report = StaticReport(module: IRFixtures.pairs)
    #expect(report.stateBytes == 208)
    #expect(report.slots.map(\.bytes) == [200, 8])
    #expect(report.operationsPerStep == 12)
    #expect(report.effectsPerStep == 3)
    #expect(report.longestLag == 0)
    #expect(report.longestWindow == 20)
    #expect(report.warmupSteps == 19)
    #expect(report.instrumentCount == 2)
    #expect(report.params.map(\.name) == ["lookback", "entry"])
  }

  @Test func measuresLagsAndWindowsOfEveryKind() {
    let report = StaticReport(module: IRFixtures.everything)
    #expect(report.longestLag == 4)
    #expect(report.longestWindow == 30)
    #expect(report.stateBytes == 8 * 3 + (8 * 5 + 16) + (8 * 20 + 40) + (16 * 30 + 72) + 16)
    #expect(report.effectsPerStep == 13)
    #expect(report.operationsPerStep == IRFixtures.everything.step.count - 6)
  }

  @Test func rendersAlignedText() {
    let expected = """
      strategy @pairs
        state bytes          208
          $spread.w          window<20>      200
          $side              i64 = 0         8
        operations per step  12
        effects per step     3
        longest lag          0
        longest window       20
        warm-up steps        19
        instruments          2
        params               2
          %lookback          i64 = 20
          %entry             f64 = 2.0

      """
    #expect(StaticReport(module: IRFixtures.pairs).text == expected)
  }

  @Test func rendersJSONWithAFixedKeyOrder() {
    var module = IRFixtures.pairs
    module.params.append(IRParam(name: "cap", value: .f64(.infinity)))
    let expected =
      "{\"strategy\":\"pairs\",\"stateBytes\":208,\"slots\":["
      + "{\"name\":\"spread.w\",\"kind\":\"window<20>\",\"bytes\":200},"
      + "{\"name\":\"side\",\"kind\":\"i64 = 0\",\"bytes\":8}],"
      + "\"operationsPerStep\":12,\"effectsPerStep\":3,\"longestLag\":0,\"longestWindow\":20,"
      + "\"warmupSteps\":19,\"instrumentCount\":2,\"params\":["
      + "{\"name\":\"lookback\",\"type\":\"i64\",\"value\":20},"
      + "{\"name\":\"entry\",\"type\":\"f64\",\"value\":2.0},"
      + "{\"name\":\"cap\",\"type\":\"f64\",\"value\":\"inf\"}]}"
    #expect(StaticReport(module: module).json == expected)
  }
}
