import Foundation
import StratDiagnostics
import StratHLS
import StratInterpreter
import StratTestSupport
import Testing

/// The Verilog rendering: each strategy in the subset becomes NAME.v, verilator builds it with
/// its testbench (every lint warning but unused signals is an error), and on random ticks the
/// module prints exactly what `hls-sim` computes. Division by a variable and log are refused by
/// name; yosys's counts of a module with a multiply parse and are positive.
@Suite(.serialized) struct VerilogTests {
  static let strategies: [String: String] = [
    "smacross": """
      strategy smacross
      instrument a = "A"
      let fast = sma(a.close, 3)
      when a.close > fast { target a = 10 }
      when a.close < fast * 0.99 { target a = -5 }
      """,
    "emacross": """
      strategy emacross
      instrument a = "A"
      let fast = ema(a.close, 3)
      let slow = ema(a.close, 8)
      when fast > slow { target a = 3 }
      when fast < slow { target a = -3 }
      """,
    "spread": """
      strategy spread
      instrument a = "A"
      instrument b = "B"
      param k: Float = 1.25
      let s = a.close - k * b.close
      when s > 2 and a.close > a.close[1] { buy a 1 limit b.close * 1.001 }
      when s < -2 or abs(s) < 0.5 { sell b 2 }
      """,
    "mathwindows": """
      strategy mathwindows
      instrument a = "A"
      instrument b = "B"
      state n: Int = 0
      state hi: Price = 0
      when a.close > 0 {
        buy a 1 limit abs(a.close - a.open)
        buy a 2 limit round(-a.close)
        buy a 3 limit sign(a.open - a.close) * a.close
        buy a 4 limit min(a.close, b.open) + max(a.high, b.low)
        buy a 5 limit clamp(a.high, a.low, b.close)
        buy b 1 limit lowest(a.close, 4) - highest(b.close, 2) + sum(a.close, 2) / 4
        buy b 2 limit a.close * 0.125 + hi
        n = n + 1
        hi = max(hi, a.high) - 0.5
      }
      when var(a.close, 4) > 0.02 and n > 3 { buy a 11 }
      when var_pop(b.close, 3) < 0.01 or n == 2 { sell b 12 limit b.close }
      """,
    // An accumulator the analysis cannot bound: the fallback format, which saturates (AP_SAT).
    "saturating": """
      strategy saturating
      instrument a = "A"
      state acc: Price = 0
      when a.close > 0 { acc = acc + a.close * 100000 - a.open * 10 }
      when acc > 10 { buy a 1 limit acc }
      when acc > 8000000 { sell a 1 limit a.close + acc * 0.001 }
      """,
  ]

  static var hasVerilator: Bool { KernelHarness.run("/usr/bin/env", ["verilator", "--version"], in: nil).status == 0 }
  static var hasYosys: Bool { KernelHarness.run("/usr/bin/env", ["yosys", "-V"], in: nil).status == 0 }

  static func plan(_ name: String) throws -> KernelPlan {
    try KernelHarness.plan(try KernelHarness.module(strategies[name]!, path: "\(name).strat"), path: "\(name).strat")
  }

  /// Random bars (the differential test's stream, clamped into the declared ranges) as ticks.
  static func ticks(_ name: String, _ plan: KernelPlan, count: Int = 300) throws -> [Tick] {
    let module = try KernelHarness.module(strategies[name]!, path: "\(name).strat")
    let recorder = TickRecorder(try Interpreter(module: module), plan)
    let stream = RandomEventStream(seed: 0xB17E_0000 ^ UInt64(name.count), instruments: module.instruments.count, readsBook: false, count: count)
    for step in stream.steps { _ = RandomEventStream.run(step, on: recorder) }
    let text = TickFile.header(plan) + recorder.ticks.map { TickFile.line(KernelDifferentialTests.clamped($0, plan), plan) }.joined()
    return try TickFile.parse(text, path: "\(name).ticks", plan: plan).get()
  }

  /// Writes the module and testbench with the ticks, builds with verilator and runs it.
  static func verilate(_ plan: KernelPlan, _ ticks: [Tick], tag: String) throws -> String {
    let emitter = try VerilogEmitter.make(plan).get()
    let dir = try KernelHarness.scratch("verilog-\(tag)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try emitter.write(source: "\(tag).strat", into: dir)
    let text = TickFile.header(plan) + ticks.map { TickFile.line($0, plan) }.joined()
    try Data(text.utf8).write(to: dir.appendingPathComponent("ticks.csv"))
    let build = KernelHarness.run(
      "/usr/bin/env",
      ["verilator", "--cc", "--exe", "--build", "-j", "2", "-Wall", "-Wno-UNUSEDSIGNAL", "\(emitter.name).v", "\(emitter.name)_vtb.cpp", "-o", "vtb"],
      in: dir)
    guard build.status == 0 else { throw KernelHarness.Failure(description: "verilator failed:\n\(build.output.suffix(4000))") }
    let run = KernelHarness.run(dir.appendingPathComponent("obj_dir/vtb").path, ["ticks.csv", "out.txt"], in: dir)
    guard run.status == 0 else { throw KernelHarness.Failure(description: "vtb failed: \(run.output.prefix(2000))") }
    return try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8)
  }

  @Test(arguments: strategies.keys.sorted())
  func verilatedModulePrintsWhatHLSSimComputes(name: String) throws {
    try #require(Self.hasVerilator, "verilator is needed to simulate the module")
    let plan = try Self.plan(name)
    let ticks = try Self.ticks(name, plan)
    let expected = KernelOutputFile.simulate(plan, ticks)
    let lines = expected.split(separator: "\n")
    #expect(lines.count >= 10, "\(name): the ticks must make decisions, or the check proves nothing")
    let slots = Set(lines.flatMap { $0.split(separator: " ").dropFirst(2).map { $0.split(separator: ":")[0] } })
    #expect(slots.count == plan.outputs.count, "\(name): every decision slot must fire at least once; fired \(slots.sorted())")
    #expect(try Self.verilate(plan, ticks, tag: name) == expected, "\(name): the verilated module differs from hls-sim")
  }

  /// How many modules a test verilates (about 9 s each here): a few in CI, every one with
  /// STRATC_VERILOG_ALL=1 by hand.
  static let every = ProcessInfo.processInfo.environment["STRATC_VERILOG_ALL"] == "1"

  /// Run filetests in the subset (the first 4; all by hand), on `emit-hls`'s default ticks.
  @Test func runFiletestsInTheSubsetPrintWhatHLSSimComputes() throws {
    try #require(Self.hasVerilator, "verilator is needed to simulate the module")
    var rendered = 0
    for path in KernelDifferentialTests.runCases where Self.every || rendered < 4 {
      let module = try KernelHarness.module(try String(contentsOfFile: path, encoding: .utf8), path: path)
      guard case .success(let plan) = KernelPlanner.plan(module, path: path), case .success = VerilogEmitter.make(plan) else { continue }
      rendered += 1
      let ticks = TickFile.synthetic(plan)
      let tag = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      #expect(try Self.verilate(plan, ticks, tag: tag) == KernelOutputFile.simulate(plan, ticks), "\(tag) differs from hls-sim")
    }
    #expect(rendered >= (Self.every ? 15 : 4), "most run filetests without division, sqrt or log must be rendered")
  }

  /// Random bar-only strategies (the kernel differential's seeds): those in the subset (the
  /// first 3; all by hand), on their random stream, print what hls-sim computes.
  @Test func randomStrategiesInTheSubsetPrintWhatHLSSimComputes() throws {
    try #require(Self.hasVerilator, "verilator is needed to simulate the module")
    var rendered = 0
    for seed in (0..<UInt64(200)).map({ 0x5EED_0000 + $0 }) where Self.every || rendered < 3 {
      let source = RandomStrategySource(seed: seed, barsOnly: true)
      let module = try KernelHarness.module(source.text, path: "random-\(seed).strat")
      guard case .success(let plan) = KernelPlanner.plan(module, path: "random.strat"), case .success = VerilogEmitter.make(plan) else { continue }
      rendered += 1
      let recorder = TickRecorder(try Interpreter(module: module), plan)
      let stream = RandomEventStream(seed: seed, instruments: module.instruments.count, readsBook: false, count: 120)
      for step in stream.steps { _ = RandomEventStream.run(step, on: recorder) }
      let ticks = recorder.ticks.map { KernelDifferentialTests.clamped($0, plan) }
      #expect(try Self.verilate(plan, ticks, tag: "random-\(seed)") == KernelOutputFile.simulate(plan, ticks), "random-\(seed) differs from hls-sim")
    }
    #expect(rendered >= (Self.every ? 8 : 3), "only \(rendered) of 200 random strategies were in the subset")
  }

  @Test(arguments: [
    ("a.close / b.close", "fdiv"), ("log(a.close)", "log"), ("exp(sign(a.close - a.open))", "exp"), ("stdev(a.close, 3)", "sqrt"),
  ])
  func divisionAndTablesAreRefusedByName(expression: String, op: String) throws {
    let text = """
      strategy refused
      instrument a = "A"
      instrument b = "B"
      let x = \(expression)
      when x > 1 { buy a 1 }
      """
    let plan = try KernelHarness.plan(try KernelHarness.module(text, path: "refused.strat"), path: "refused.strat")
    guard case .failure(let refusal) = VerilogEmitter.make(plan) else {
      Issue.record("`\(expression)` was rendered")
      return
    }
    #expect(refusal.construct == op)
    let diagnostic = refusal.diagnostic(path: "refused.strat", source: SourceFile(path: "refused.strat", text: text))
    #expect(diagnostic.id == "hls.verilog-unsupported")
    #expect(diagnostic.message.contains("`\(op)`"))
    #expect(diagnostic.primary?.span.start != nil, "the refusal must point at `let x`")
  }

  @Test func yosysCountsOfAModuleWithAMultiplyParseAndArePositive() throws {
    try #require(Self.hasYosys, "yosys is needed to count cells")
    let plan = try Self.plan("spread")
    let emitter = try VerilogEmitter.make(plan).get()
    let dir = try KernelHarness.scratch("yosys")
    defer { try? FileManager.default.removeItem(at: dir) }
    try emitter.write(source: "spread.strat", into: dir)
    let run = KernelHarness.run("/usr/bin/env", ["yosys", "-q", "-s", "synth.ys"], in: dir)
    try #require(run.status == 0, "yosys failed: \(run.output.prefix(2000))")
    let report = try #require(VerilogReport.read(dir), "stat-coarse.txt and stat-gates.txt must parse")
    let kernel = KernelReport(plan: plan)
    #expect(report.coarse.multipliers >= 1, "k × b.close and the unit conversions are multiplies")
    #expect(report.gates.flipFlops > 0 && report.gates.cells > report.coarse.cells)
    #expect(report.gates.flipFlops <= kernel.stateBits, "yosys can only drop state bits, never add them")
    #expect(report.gates.count { $0.contains("mul") } == 0, "synth maps multipliers to gates")
    #expect(report.text(kernel).contains("flip-flops: \(report.gates.flipFlops) "))
    #expect(YosysStat.parse("no statistics here") == nil)
  }
}
