import StratIR
import Testing

@Suite struct PropertyTests {
  static let seeds: [UInt64] = Array(1...300)

  @Test func randomModulesRoundTripAndOptimizeToVerifiableEquivalents() throws {
    for seed in Self.seeds {
      let module = RandomModules.make(seed: seed)
      #expect(IRVerifier.verify(module).map(\.message) == [], "seed \(seed)")
      let text = IRPrinter.print(module)
      let parsed = IRParser.parse(text, path: "seed\(seed).ir")
      #expect((try? parsed.get()) == module, "seed \(seed): \(parsed)")
      #expect((try? parsed.get()).map(IRPrinter.print) == text, "seed \(seed)")

      let optimized = PassPipeline.optimize(module)
      #expect(IRVerifier.verify(optimized).map(\.message) == [], "seed \(seed)")
      #expect(PassPipeline.optimize(optimized) == optimized, "seed \(seed)")
      #expect(
        (try? IRParser.parse(IRPrinter.print(optimized), path: "o.ir").get()) == optimized,
        "seed \(seed)"
      )
      #expect(decisions(module, seed: seed) == decisions(optimized, seed: seed), "seed \(seed)")
    }
  }

  /// Runs 12 steps on bars drawn from `seed`, instruments appearing one by one.
  private func decisions(_ module: IRModule, seed: UInt64) -> [[String]] {
    var rng = SplitMix64(seed: seed ^ 0xDEC1_5105)
    var evaluator = ReferenceEvaluator(module: module)
    return (0..<12).map { step in
      for i in module.instruments.indices where !rng.chance(3) && step >= i {
        evaluator.bars[i] = (0..<5).map { _ in rng.chance(9) ? .nan : (rng.unit() * 10).rounded() }
      }
      return evaluator.step(time: Int64(step) * 1_000)
    }
  }
}
