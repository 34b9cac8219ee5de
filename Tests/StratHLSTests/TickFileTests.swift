import Foundation
import StratDiagnostics
import StratHLS
import Testing

/// A tick file is input from outside: every malformed line is refused at its line, never read
/// as something else.
@Suite struct TickFileTests {
  static let plan: KernelPlan = {
    let module = try! KernelHarness.module("""
      strategy s
      instrument a = "A"
      instrument b = "B"
      when a.close > b.close and a.volume > 0 { buy a 1 }
      """)
    return try! KernelHarness.plan(module)
  }()

  static func parse(_ text: String) -> Result<[Tick], Diagnostic> {
    TickFile.parse(text, path: "t.ticks", plan: plan)
  }

  @Test func columnsAreTimeThenEachInstrumentsFlagAndFields() throws {
    #expect(TickFile.columns(Self.plan) == ["a.seen", "a.close", "a.volume", "b.seen", "b.close"])
    let tick = Tick(time: 5, updates: [true, false], values: [1_000_000, 300, 0])
    let text = TickFile.header(Self.plan) + TickFile.line(tick, Self.plan)
    #expect(try Self.parse(text).get() == [tick])
  }

  static let malformed = [
    ("1 1 100 5\n", "expected 6 integers"),
    ("1 1 100 5 0 1.5\n", "is not a 64-bit integer"),
    ("1 2 100 5 0 0\n", "must be 0 or 1"),
    ("9 1 100 5 0 0\n3 1 100 5 0 0\n", "is before the previous line"),
    ("1 1 -100 5 0 0\n", "outside the declared range"),
    ("1 1 99999999999999 5 0 0\n", "outside the declared range"),
    ("1 1 0 5 0 0\n", "outside the declared range"),
    ("1 1 99 5 0 0\n", "outside the declared range"),
    ("1 0 -1 0 0 0\n", "negative"),
    ("1 1 100 5 0 99999999999999999999\n", "is not a 64-bit integer"),
    // What strtoll and fgets would let through (a hostile review): control bytes, NULs.
    ("1 1 100 5 0 0\r\r\n", "is not a 64-bit integer"),
    ("1 1 \u{0C}100 5 0 0\n", "is not a 64-bit integer"),
    ("1 1 \u{0B}100 5 0 0\n", "is not a 64-bit integer"),
    ("1 1 100\0 5 0 0\n", "is not a 64-bit integer"),
    ("1 1 100 5 0 0\r \n", "is not a 64-bit integer"),
  ]

  @Test(arguments: malformed)
  func malformedLinesAreRefusedAtTheirLine(text: String, message: String) {
    guard case .failure(let d) = Self.parse("# header\n" + text) else {
      Issue.record("accepted: \(text)")
      return
    }
    #expect(d.id == "hls.bad-tick")
    #expect(d.message.contains(message), "\(d.message)")
    #expect(d.location?.line == text.split(separator: "\n").count + 1)
  }

  @Test func commentsBlankLinesAndCRLFAreAccepted() throws {
    let ticks = try Self.parse("# c\n\n1 1 100 5 0 0\r\n2 0 0 0 1 700\n").get()
    #expect(ticks.count == 2 && ticks[1].updates == [false, true] && ticks[1].values == [0, 0, 700])
  }

  /// The kernel's testbench: built once, run on each file below.
  static let testbench: URL? = {
    guard KernelHarness.hasCompiler, let dir = try? KernelHarness.scratch("tickfile") else { return nil }
    _ = try? KernelDirectory.write(plan, source: "s.strat", ticks: TickFile.synthetic(plan), into: dir)
    _ = try? KernelHarness.build(dir, name: "s", flags: ["-std=c++14", "-O0"])
    return dir
  }()

  /// The testbench refuses, at the same line, every line hls-sim refuses, and accepts what it
  /// accepts: a user's ticks cannot mean one thing to the kernel and another to hls-sim.
  @Test(arguments: malformed + [
    ("1 1 100 5 0 0\r\n2\t0 0 0 1 700\n", ""), ("1 1 +100 5 0 0\n", ""),
    ("1 1 " + String(repeating: "0", count: 70_000) + "100 5 0 0\n", ""),
  ])
  func theTestbenchRefusesWhatHLSSimRefuses(text: String, message: String) throws {
    let dir = try #require(Self.testbench, "g++ is needed to build the testbench")
    let ticks = dir.appendingPathComponent("case-\(UUID().uuidString).ticks")
    try Data(("# header\n" + text).utf8).write(to: ticks)
    let run = KernelHarness.run(dir.appendingPathComponent("tb-stdc14O0").path, [ticks.path, ticks.path + ".out"], in: dir)
    let refused = !message.isEmpty
    #expect(((try? Self.parse("# header\n" + text).get()) == nil) == refused, "hls-sim: \(text.debugDescription)")
    #expect((run.status != 0) == refused, "tb: \(text.debugDescription): \(run.output)")
    if refused { #expect(run.output.contains(":\(text.split(separator: "\n").count + 1): "), "\(run.output)") }
  }

  /// Prices reach the recorder as 1e-8 raw ÷ 1e8: a whole number of ticks is whole even when
  /// its double times 1e4 is not (28.39 × 1e4 = 283899.99999999994); others are counted.
  @Test(arguments: [
    (28.39, Int64(10_000), Int64(283_900), true), (187.4567, 10_000, 1_874_567, true), (28.390_01, 10_000, 283_900, false),
    (0.0001, 10_000, 1, true), (129_744.0, 1, 129_744, true), (12.5, 1, 13, false), (-3.25, 10_000, -32_500, true),
  ])
  func recordedPricesAreWholeTicksWhenTheirDecimalIs(value: Double, scale: Int64, ticks: Int64, exact: Bool) {
    let (t, e) = TickRecorder.ticks(value, scale: scale)
    #expect(t == ticks && e == exact, "\(value) × \(scale): \(t) \(e)")
  }
}

