import StratABI
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import Testing

/// Random well-typed modules (every opcode, slot kind and immediate) on random bars, NaNs
/// included, through the interpreter, the LLVM JIT and an AOT shared object: decisions and state must be identical
/// bit for bit after every step. The seed is in every failure message.
@Suite struct BackendDifferentialTests {
  @Test(arguments: Array(UInt64(1)...UInt64(120)))
  func nativeCodeMatchesTheInterpreterOnRandomModules(_ seed: UInt64) throws {
    let module = RandomModules.make(seed: seed)
    for candidate in [module, PassPipeline.optimize(module)] {
      try compare(candidate, try NativeExecutor(code: NativeBackend.jit(candidate)), seed: seed)
    }
    // One AOT object per seed (linking costs ~30 ms): the optimised module.
    let optimized = PassPipeline.optimize(module)
    try compare(optimized, try NativeExecutor(code: NativeBackend.aot(optimized)), seed: seed)
  }

  func compare(_ candidate: IRModule, _ jit: NativeExecutor, seed: UInt64) throws {
    let interpreter = try Interpreter(module: candidate)
    var rng = SplitMix64(seed: seed ^ 0x0B4C_4E5D)
    for step in 0..<16 {
      for i in candidate.instruments.indices where !rng.chance(3) && step >= i {
        let v = (0..<5).map { _ in rng.chance(9) ? Double.nan : (rng.unit() * 10).rounded() }
        let bar = Bar(open: v[0], high: v[1], low: v[2], close: v[3], volume: v[4])
        interpreter.setBar(instrument: i, bar: bar)
        jit.setBar(instrument: i, bar: bar)
      }
      let n = interpreter.step(timeNanos: Int64(step) * 1_000)
      #expect(jit.step(timeNanos: Int64(step) * 1_000) == n, "seed \(seed) step \(step)")
      for k in 0..<min(n, jit.decisions.count) {
        let (a, b) = (interpreter.decisions[k], jit.decisions[k])
        #expect(
          a.kind == b.kind && a.instrument == b.instrument
            && a.quantity.bitPattern == b.quantity.bitPattern && a.price.bitPattern == b.price.bitPattern,
          "seed \(seed) step \(step) decision \(k): \(a) vs \(b)")
      }
      #expect(jit.stateSnapshot() == interpreter.stateSnapshot(), "seed \(seed) step \(step): state")
    }
  }
}
