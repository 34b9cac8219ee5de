import StratDiagnostics
import StratSema
import Testing

/// Warm-up inference: the steps after every instrument has a bar until a rule can first fire,
/// the largest over the rules (reported in the IR header and by `stratc report`).
@Suite struct WarmupTests {
  @Test(arguments: [
    ("a.close > 0", 0), ("sma(a.close, 20) > 0", 19), ("ema(a.close, 10) > 0", 9),
    ("a.close[3] > 0", 3), ("a.close[1][2] > 0", 3), ("ret(a.close) > 0", 1),
    ("ret(a.close, 5) > 0", 5), ("zscore(a.close, 20) > 0", 19),
    ("sma(a.close[2], 5) > 0", 6), ("crosses_above(sma(a.close, 5), sma(a.close, 20))", 20),
    ("corr(a.close, b.close, 30) > 0", 29), ("sma(a.close, 3) > 0 and a.close[7] > 0", 7),
  ])
  func warmupOfACondition(condition: String, steps: Int) throws {
    let text =
      "strategy w\ninstrument a = \"A\"\ninstrument b = \"B\"\nwhen \(condition) { flat }\n"
    let module = try #require(Compiler.compile(SourceFile(path: "w.strat", text: text)).module)
    #expect(module.warmupSteps == steps)
  }

  @Test func actionsCountTowardsTheirRule() throws {
    let text = """
      strategy w
      instrument a = "A"
      when a.close > 0 { target a = sma(a.volume, 10) }
      when a.close > 1 { flat a }

      """
    let module = try #require(Compiler.compile(SourceFile(path: "w.strat", text: text)).module)
    #expect(module.warmupSteps == 9)
  }
}
