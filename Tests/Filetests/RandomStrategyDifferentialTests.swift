import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema
import StratSyntax
import StratTestSupport
import Testing

/// Random well-typed strategies (`RandomStrategySource`) fed random event streams
/// (`RandomEventStream`) on every backend, optimised and not: after every step the decision
/// count, every decision (kind, instrument, quantity and price bits) and the whole state record
/// must equal the interpreter's, bit for bit. A failure prints the seed, the step, the source and
/// the command that re-runs that seed alone:
///
/// ```
/// STRATC_RANDOM_SEED=123 swift test --filter RandomStrategy
/// ```
@Suite struct RandomStrategyDifferentialTests {
  typealias Backend = (name: String, executor: any StrategyExecutor, state: () -> [UInt8])

  /// Every backend to compare against the interpreter; add new ones here. The interpreter, the
  /// oracle, comes first.
  static func backends(_ module: IRModule) throws -> [Backend] {
    let interpreter = try Interpreter(module: module)
    let jit = try NativeExecutor(code: NativeBackend.jit(module))
    let aot = try NativeExecutor(code: NativeBackend.aot(module))
    return [
      ("interpreter", interpreter, interpreter.stateSnapshot),
      ("jit", jit, jit.stateSnapshot),
      ("aot", aot, aot.stateSnapshot),
    ]
  }

  /// Seeds 0..<seedCount, each optimised and not, `stepCount` steps each.
  static let seedCount = 240
  static let stepCount = 400
  /// The seeds are split into this many tests, so that they can run in parallel.
  static let batches = 6

  /// Seeds that once found a difference or a rejected program: every counterexample found goes
  /// here. 0 and 7 differed in NaN signs: in `sma(a.close, 3)`, once sumsq is -NaN (inf − inf
  /// after huge closes) a +NaN close makes `sumsq + d × d` NaN + NaN; the interpreter kept the
  /// first operand's -NaN (x86 `addsd`), the JIT's code the second's +NaN (LLVM may commute
  /// `fadd`). Since then every NaN a host can see is canonical (WindowSemantics.md). Seeds 0, 1,
  /// 12, 19 and 36 were rejected by the compiler before the generator learnt the known issues of
  /// `RandomStrategyFindings` (and a bug of its own, in `corr`).
  static let kept: [UInt64] = [0, 1, 7, 12, 19, 36]

  static let seedVariable = "STRATC_RANDOM_SEED"

  /// The seed named by `STRATC_RANDOM_SEED`, if any: then only that seed runs.
  static var chosenSeed: UInt64? {
    ProcessInfo.processInfo.environment[seedVariable].flatMap { UInt64($0) }
  }

  @Test(arguments: 0..<batches)
  func randomStrategiesRunAlikeOnEveryBackend(batch: Int) {
    let seeds: [UInt64]
    if let seed = Self.chosenSeed {
      seeds = batch == 0 ? [seed] : []
    } else {
      seeds = stride(from: batch, to: Self.seedCount, by: Self.batches).map { UInt64($0) }
    }
    for seed in seeds { Self.record(Self.check(seed: seed)) }
  }

  @Test(arguments: kept)
  func keptCounterexamples(seed: UInt64) {
    Self.record(Self.check(seed: seed))
  }

  /// Records a finding as a failure.
  static func record(_ finding: String?) {
    if let finding { Issue.record(Comment(rawValue: finding)) }
  }

  // MARK: - One seed

  /// Compiles the seed's strategy optimised and not and runs its stream on every backend;
  /// returns the first failure, described in full, or nil.
  static func check(seed: UInt64) -> String? {
    let source = RandomStrategySource(seed: seed)
    for optimize in [true, false] {
      func failure(_ what: String) -> String {
        """
        random strategy seed \(seed), optimize: \(optimize): \(what)
        re-run: \(seedVariable)=\(seed) swift test --filter RandomStrategy
        source:
        \(source.text)
        """
      }
      let file = SourceFile(path: "random-\(seed).strat", bytes: Array(source.text.utf8))
      let result = Compiler.compile(file, optimize: optimize)
      let errors = result.diagnostics.filter { $0.severity == .error } + result.internalErrors
      guard errors.isEmpty, let module = result.module else {
        return failure("the compiler rejects it:\n" + errors.map(DiagnosticRenderer.text).joined())
      }
      let backends: [Backend]
      do {
        backends = try Self.backends(module)
      } catch {
        return failure("a backend cannot load it: \(error)")
      }
      // Compared as text: a NaN parameter makes `==` false on equal interfaces.
      let oracleInterface = String(describing: backends[0].executor.interface)
      for backend in backends.dropFirst() {
        let interface = String(describing: backend.executor.interface)
        if interface != oracleInterface {
          return failure(
            "\(backend.name) describes the interface \(interface), \(backends[0].name) \(oracleInterface)"
          )
        }
      }
      let stream = RandomEventStream(
        seed: seed,
        instruments: module.instruments.count,
        readsBook: source.readsBook,
        count: stepCount
      )
      if let difference = firstDifference(backends, stream) { return failure(difference) }
    }
    return nil
  }

  // MARK: - Comparison

  /// What one backend did in one step.
  struct Observation {
    var count: Int
    var decisions: [Decision]
    var state: [UInt8]
  }

  /// Feeds every step to every backend, comparing each with the first one (the oracle); the
  /// first difference, located, or nil.
  static func firstDifference(_ backends: [Backend], _ stream: RandomEventStream) -> String? {
    for (index, step) in stream.steps.enumerated() {
      let observations = backends.map { backend in
        let count = RandomEventStream.run(step, on: backend.executor)
        return Observation(
          count: count,
          decisions: Array(backend.executor.decisions.prefix(count)),
          state: backend.state()
        )
      }
      for (backend, observation) in zip(backends, observations).dropFirst() {
        if let difference = difference(expected: observations[0], found: observation) {
          return "step \(index) at \(UTCTime.text(step.time)) (\(step.time) ns): \(backend.name) "
            + "differs from \(backends[0].name): \(difference)"
        }
      }
    }
    return nil
  }

  /// The first difference between two observations, bit for bit, or nil when they are equal.
  static func difference(expected: Observation, found: Observation) -> String? {
    func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }
    if found.count != expected.count {
      return
        "decision count \(found.count), expected \(expected.count); decisions \(found.decisions), expected \(expected.decisions)"
    }
    for (k, (a, b)) in zip(expected.decisions, found.decisions).enumerated() {
      let same =
        a.kind == b.kind && a.instrument == b.instrument
        && same(a.quantity, b.quantity) && same(a.price, b.price)
      if !same {
        return "decision \(k) is \(describe(b)), expected \(describe(a))"
      }
    }
    guard found.state != expected.state else { return nil }
    guard found.state.count == expected.state.count else {
      return "state record of \(found.state.count) bytes, expected \(expected.state.count)"
    }
    for word in stride(from: 0, to: found.state.count, by: 8) {
      let (a, b) = (word64(expected.state, at: word), word64(found.state, at: word))
      if a != b {
        return "state record differs in the word at byte \(word): "
          + "\(hexWord(b)), expected \(hexWord(a))"
      }
    }
    return nil
  }

  static func describe(_ d: Decision) -> String {
    "\(d.kind) instrument \(d.instrument) quantity \(d.quantity) (0x\(String(d.quantity.bitPattern, radix: 16))) "
      + "price \(d.price) (0x\(String(d.price.bitPattern, radix: 16)))"
  }

  /// Up to eight bytes from `offset`, little-endian.
  static func word64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    bytes[offset..<min(offset + 8, bytes.count)].reversed().reduce(UInt64(0)) {
      $0 << 8 | UInt64($1)
    }
  }

  /// A word in hex, with its value as a double.
  static func hexWord(_ bits: UInt64) -> String {
    "0x\(String(bits, radix: 16)) (\(Double(bitPattern: bits)))"
  }
}
