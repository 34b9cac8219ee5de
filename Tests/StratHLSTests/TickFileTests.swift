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
  @Test(arguments: malformed + [("1 1 100 5 0 0\r\n2\t0 0 0 1 700\n", "")])
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
}
