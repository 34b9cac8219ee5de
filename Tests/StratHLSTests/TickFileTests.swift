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

  @Test(arguments: [
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
  ])
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
}
