import Foundation
import StratABI
import StratDiagnostics
import StratHLS
import StratIR
import StratInterpreter
import StratSema
import StratTestSupport
import Testing

/// Every `run` filetest and a batch of random well-typed strategies through emit, g++ against
/// the shim and the testbench: its output must equal `hls-sim`'s bit for bit, built as C++17 at
/// -O2 (every fourth case also as C++14 at -O0). A strategy the kernel cannot compute must be
/// refused with an `hls.` diagnostic, never emitted wrong; a case's bars outside the declared
/// ranges are refused by the tick parser, as a user's would be.
@Suite struct KernelDifferentialTests {
  static let runCases: [String] = {
    let dir = KernelHarness.repository.appendingPathComponent("Tests/Filetests/cases/run")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".strat") }.sorted().map { dir.appendingPathComponent($0).path }
  }()

  /// Seeds of random bar-only strategies (the same every run; more by hand with STRATC_HLS_SEEDS=N).
  static let seeds: [UInt64] = {
    let n = ProcessInfo.processInfo.environment["STRATC_HLS_SEEDS"].flatMap(Int.init) ?? 12
    return (0..<UInt64(n)).map { 0x5EED_0000 + $0 }
  }()

  enum Outcome: Equatable {
    case refused([String])
    /// The records written, and how many decisions the risk stage denied (`!CODE`).
    case agreed(records: Int, denials: Int = 0)
  }

  /// Plans `module`, records its ticks by feeding `feed` to the double interpreter, emits the
  /// kernel and checks the testbench against hls-sim.
  static func check(
    _ module: IRModule, tag: String, clamp: Bool = false, bothBuilds: Bool = true,
    feed: (any StrategyExecutor) throws -> Void
  ) throws -> Outcome {
    let plan: KernelPlan
    switch KernelPlanner.plan(module, path: "\(tag).strat") {
    case .success(let p): plan = p
    case .failure(let refusal):
      let ids = refusal.diagnostics.map(\.id)
      #expect(ids.allSatisfy { $0.hasPrefix("hls.") }, "\(tag): refusals must be the kernel's own")
      return .refused(ids)
    }
    let recorder = TickRecorder(try Interpreter(module: module), plan)
    try feed(recorder)
    let recorded = clamp ? recorder.ticks.map { clamped($0, plan) } : recorder.ticks
    let text = TickFile.header(plan) + recorded.map { TickFile.line($0, plan) }.joined()
    guard case .success(let ticks) = TickFile.parse(text, path: "\(tag).ticks", plan: plan) else {
      return .refused(["hls.bad-tick"])
    }
    let dir = try KernelHarness.scratch(tag)
    defer { try? FileManager.default.removeItem(at: dir) }
    try KernelDirectory.write(plan, source: "\(tag).strat", ticks: ticks, into: dir)
    let expected = KernelOutputFile.simulate(plan, ticks)
    for flags in (bothBuilds ? [["-std=c++14", "-O0"]] : []) + [["-std=c++17", "-O2"]] {
      let out = try KernelHarness.build(dir, name: KernelEmitter.identifier(plan.module.name), flags: flags)
      #expect(out == expected, "\(tag) built with \(flags) differs from hls-sim")
    }
    return .agreed(records: expected.split(separator: "\n").count, denials: expected.count { $0 == "!" })
  }

  /// The random streams' edge values (NaN, ±∞, negative prices, 1e300) brought into the declared
  /// ranges: the tick parser refuses them, as `TickFileTests` shows.
  static func clamped(_ tick: Tick, _ plan: KernelPlan) -> Tick {
    var t = tick
    for (c, input) in plan.inputs.enumerated() where !(input.mayBeUndefined && t.values[c] == -1) {
      let range = input.isSize ? 0...plan.options.maxSize : plan.options.priceRange
      let low = Int64((range.lowerBound * Double(input.scale)).rounded(.up))
      t.values[c] = min(max(t.values[c], low), Int64(range.upperBound) * input.scale)
    }
    return t
  }

  @Test(arguments: runCases)
  func runFiletestKernelsPrintWhatHLSSimComputes(path: String) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let module = try KernelHarness.module(text, path: path)
    let table = EventTable(text: text)
    let tag = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    // Both language standards and optimisation levels for every fourth case (CI time); the
    // reference kernels are always built both ways (KernelReferenceTests).
    let both = (Self.runCases.firstIndex(of: path) ?? 0) % 4 == 0
    let outcome = try Self.check(module, tag: tag, bothBuilds: both) { executor in _ = try DecisionLog.run(executor, table) }
    if case .refused(let ids) = outcome {
      #expect(!ids.contains("hls.bad-tick") || Self.beyondDeclaredRanges.contains(tag), "\(tag): \(ids)")
    }
  }

  /// Run cases whose bars lie outside the declared input ranges on purpose (1e300, negative prices).
  static let beyondDeclaredRanges: Set<String> = ["nan_signs_in_sums"]

  @Test(arguments: seeds)
  func randomStrategyKernelsPrintWhatHLSSimComputes(seed: UInt64) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let source = RandomStrategySource(seed: seed, barsOnly: true)
    let module = try KernelHarness.module(source.text, path: "random-\(seed).strat")
    let stream = RandomEventStream(
      seed: seed, instruments: module.instruments.count, readsBook: source.readsBook, count: 120)
    let outcome = try Self.check(module, tag: "random-\(seed)", clamp: true, bothBuilds: seed % 4 == 0) { executor in
      for step in stream.steps { _ = RandomEventStream.run(step, on: executor) }
    }
    #expect(outcome != .refused(["hls.bad-tick"]), "random-\(seed): its ticks are outside the declared ranges")
    if case .refused(let ids) = outcome { Issue.record("random-\(seed) (bars only) was refused: \(ids)") }
  }

  /// Random strategies of the top of book (empty sides, crossed books, edge values), on
  /// random book events: the kernel's valid bits against hls-sim's. The planner may refuse a
  /// rule whose guard it cannot prove covers every book field (`hls.undefined-value`: the
  /// compiler's definedness of `or` is beyond its proof), but never emit one wrong, and most
  /// must be planned or the test proves little.
  @Test func randomTopOfBookKernelsPrintWhatHLSSimComputes() throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    var planned = 0
    let seeds = Self.seeds.prefix(max(8, Self.seeds.count / 2))
    for seed in seeds {
      let source = RandomStrategySource(seed: seed, topOfBook: true)
      let module = try KernelHarness.module(source.text, path: "book-\(seed).strat")
      let stream = RandomEventStream(seed: seed, instruments: module.instruments.count, readsBook: true, count: 120)
      let outcome = try Self.check(module, tag: "book-\(seed)", clamp: true, bothBuilds: seed % 4 == 0) { executor in
        for step in stream.steps { _ = RandomEventStream.run(step, on: executor) }
      }
      switch outcome {
      case .agreed: planned += 1
      case .refused(let ids):
        #expect(Set(ids) == ["hls.undefined-value"], "book-\(seed) (top of book) was refused: \(ids)\n\(source.text)")
      }
    }
    #expect(planned * 2 >= seeds.count, "only \(planned) of \(seeds.count) random book strategies were planned")
  }

  /// A strategy named like a C++ or HLS name the kernel includes still builds: the emitter
  /// renames the kernel, never the user.
  @Test(arguments: ["std", "ap_fixed", "ap_int", "AP_SAT", "hls", "int64_t", "main", "strat_x"])
  func aStrategyNamedLikeAnHLSOrCppNameStillBuilds(name: String) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let module = try KernelHarness.module("""
      strategy \(name)
      instrument a = "A"
      when a.close > sma(a.close, 3) { buy a 1 }
      """)
    let stream = RandomEventStream(seed: 7, instruments: 1, readsBook: false, count: 40)
    let outcome = try Self.check(module, tag: "named-\(name)", clamp: true) { executor in
      for step in stream.steps { _ = RandomEventStream.run(step, on: executor) }
    }
    guard case .agreed = outcome else { Issue.record("\(name): \(outcome)"); return }
  }

  /// The risk stage in C++ equals hls-sim's on random bars: every limit, limit orders whose
  /// price the band judges, targets whose held quantity the position limit judges.
  @Test(arguments: [UInt64(1), 2, 3])
  func riskKernelsPrintWhatHLSSimComputes(seed: UInt64) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let module = try KernelHarness.module("""
      strategy risky
      instrument a = "A"
      instrument b = "B"
      let m = sma(a.close, 3)
      when a.close > m { target a = 40 }
      when a.close < m { target a = -25 }
      when b.close > a.close { buy b 7 limit b.close * 1.01 }
      when b.close < a.close { sell b 9 limit b.close * 0.8 }
      when a.close > b.close * 2 { cancel b buy }
      risk { price_band = 0.05 max_position a = 50 max_position = 30 max_order = 60 max_notional = 2e6 max_orders = 3 per 5s }
      """)
    let stream = RandomEventStream(seed: seed, instruments: 2, readsBook: false, count: 150)
    let outcome = try Self.check(module, tag: "risky-\(seed)", clamp: true) { executor in
      for step in stream.steps { _ = RandomEventStream.run(step, on: executor) }
    }
    guard case .agreed(let records, let denials) = outcome else { Issue.record("\(outcome)"); return }
    #expect(records > 10 && denials > 5, "records \(records), denials \(denials): the stream tests too little")
  }

  /// Most run cases must become kernels: the refusals are the known gaps, listed here.
  @Test func mostRunFiletestsBecomeKernels() throws {
    var refused: [String: [String]] = [:]
    for path in Self.runCases {
      let module = try KernelHarness.module(try String(contentsOfFile: path, encoding: .utf8), path: path)
      if case .failure(let r) = KernelPlanner.plan(module, path: path) {
        refused[URL(fileURLWithPath: path).lastPathComponent] = Array(Set(r.diagnostics.map(\.id))).sorted()
      }
    }
    #expect(Self.runCases.count - refused.count >= 25, "refused: \(refused)")
    for ids in refused.values {
      #expect(Set(ids).isSubset(of: ["hls.unsupported-field", "hls.unsupported-window", "hls.unsupported-operation"]), "\(refused)")
    }
  }
}
