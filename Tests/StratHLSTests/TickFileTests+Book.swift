import Foundation
import StratDiagnostics
import StratHLS
import Testing

/// A book kernel's tick file: each instrument's top of book, −1 for a field of an empty side;
/// nothing below −1, and −1 only in book columns (a bar field is never undefined).
@Suite struct BookTickFileTests {
  static let plan: KernelPlan = {
    let module = try! KernelHarness.module("""
      strategy s
      instrument a = "A"
      when a.spread > 0.01 and a.bid_size > a.ask_size { buy a 1 limit a.bid }
      """)
    return try! KernelHarness.plan(module)
  }()

  static func parse(_ text: String) -> Result<[Tick], Diagnostic> {
    TickFile.parse(text, path: "t.ticks", plan: plan)
  }

  @Test func anEmptySideIsMinusOne() throws {
    #expect(TickFile.columns(Self.plan) == ["a.seen", "a.bid_price_1", "a.bid_size_1", "a.ask_price_1", "a.ask_size_1"])
    let ticks = try Self.parse("1 1 -1 -1 10100 5\n2 1 10000 7 -1 -1\n").get()
    #expect(ticks.map(\.values) == [[-1, -1, 10100, 5], [10000, 7, -1, -1]])
  }

  static let cases = [
    ("1 1 -1 -1 10100 5\n", ""),
    ("1 1 10000 3 10100 0\n", ""),
    ("1 1 -2 -1 10100 5\n", "outside the declared range"),
    ("1 1 10000 -7 10100 5\n", "outside the declared range"),
    ("1 0 -2 0 0 0\n", "below −1"),
    ("1 1 99 1 10100 5\n", "outside the declared range"),
  ]

  /// The synthetic default ticks empty a side now and then, so the valid bits are exercised.
  @Test func theSyntheticTicksHaveEmptySides() {
    let ticks = TickFile.synthetic(Self.plan)
    #expect(ticks.contains { $0.values[0] == -1 } && ticks.contains { $0.values[2] == -1 })
    #expect(ticks.allSatisfy { $0.updates == [true] })
  }

  static let testbench: URL? = {
    guard KernelHarness.hasCompiler, let dir = try? KernelHarness.scratch("booktickfile") else { return nil }
    _ = try? KernelDirectory.write(plan, source: "s.strat", ticks: TickFile.synthetic(plan), into: dir)
    _ = try? KernelHarness.build(dir, name: "s", flags: ["-std=c++14", "-O0"])
    return dir
  }()

  @Test(arguments: cases)
  func hlsSimAndTheTestbenchAgreeOnBookLines(text: String, message: String) throws {
    let refused = !message.isEmpty
    switch Self.parse("# header\n" + text) {
    case .success: #expect(!refused, "hls-sim accepted \(text.debugDescription)")
    case .failure(let d):
      #expect(refused && d.message.contains(message) && d.location?.line == 2, "\(d.message)")
    }
    let dir = try #require(Self.testbench, "g++ is needed to build the testbench")
    let ticks = dir.appendingPathComponent("case-\(UUID().uuidString).ticks")
    try Data(("# header\n" + text).utf8).write(to: ticks)
    let run = KernelHarness.run(dir.appendingPathComponent("tb-stdc14O0").path, [ticks.path, ticks.path + ".out"], in: dir)
    #expect((run.status != 0) == refused, "tb: \(text.debugDescription): \(run.output)")
  }
}
