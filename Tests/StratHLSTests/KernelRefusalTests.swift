import StratDiagnostics
import StratHLS
import StratIR
import Testing

/// What the kernel cannot compute is refused, each with a diagnostic at the source line.
@Suite struct KernelRefusalTests {
  static func refusals(_ text: String) throws -> [Diagnostic] {
    let file = SourceFile(path: "r.strat", text: text)
    let module = try KernelHarness.module(text, path: "r.strat")
    switch KernelPlanner.plan(module, path: "r.strat", source: file) {
    case .success: return []
    case .failure(let r): return r.diagnostics
    }
  }

  @Test func theTopOfBookIsAnInputWithValidBits() throws {
    let text = """
      strategy s
      instrument x = "X"
      when x.spread > 0.01 and x.bid_size > x.ask_size { buy x 1 limit x.bid }
      """
    #expect(try Self.refusals(text).isEmpty)
    let plan = try KernelHarness.plan(try KernelHarness.module(text))
    #expect(plan.readsBook)
    #expect(plan.inputs.map(\.field.name) == ["bid_price_1", "bid_size_1", "ask_price_1", "ask_size_1"])
    #expect(Set(plan.validity.values) == [0, 1, 2, 3], "each book field's `feq x, x` reads its valid bit")
  }

  @Test(arguments: [
    ("when bid_price(x, 2) > 10 { buy x 1 }", "keeps the top of book"),
    ("when x.last > 10 { buy x 1 }", "does not publish trades"),
    ("when x.position > 10 { sell x 1 }", "OMS"),
  ])
  func fieldsTheKernelDoesNotSeeAreRefusedAtTheirUse(rule: String, note: String) throws {
    let d = try Self.refusals("strategy s\ninstrument x = \"X\"\n" + rule + "\n")
    #expect(d.map(\.id) == ["hls.unsupported-field"])
    #expect(d.first?.primary.map { $0.span.file.position(of: $0.span.start).line } == 3)
    #expect(d.first?.notes.first?.contains(note) == true, "\(d.first?.notes ?? [])")
  }

  @Test func barsAndBookTogetherAreRefused() throws {
    let d = try Self.refusals("""
      strategy s
      instrument x = "X"
      when x.bid > x.close { buy x 1 }
      """)
    #expect(d.map(\.id) == ["hls.mixed-inputs"])
  }

  @Test func aRiskBlockOnBookDataIsRefusedAtTheBlock() throws {
    let d = try Self.refusals("""
      strategy s
      instrument x = "X"
      when x.bid > 10 { buy x 1 }
      risk { max_position = 10 }
      """)
    #expect(d.map(\.id) == ["hls.unsupported-risk"])
    #expect(d.first?.primary.map { $0.span.file.position(of: $0.span.start).line } == 4)
  }

  /// The IR, written by hand, pushes a book field without its guard: the double interpreter
  /// would push NaN where the kernel would push 0, so the planner refuses it.
  @Test func anEffectThatCouldSeeAnUndefinedFieldIsRefused() throws {
    let parsed = IRParser.parse("""
      strategy @s warmup 0
      instrument @x = "X"
      slot $w: window<3>
      step {
        %b = field @x.bid_price_1 : f64
        %ok = feq %b, %b : bool
        push $w, %b
        %m = mean $w : f64
        %t = const 10.0 : f64
        %up = fgt %m, %t : bool
        %q = const 1.0 : f64
        %fire = and %ok, %up : bool
        market @x, %q if %fire
      }
      """, path: "r.ir")
    guard case .success(let module) = parsed else {
      Issue.record("the IR does not parse: \(parsed)")
      return
    }
    guard case .failure(let refusal) = KernelPlanner.plan(module, path: "r.ir") else {
      Issue.record("planned an unguarded push of a book field")
      return
    }
    #expect(refusal.diagnostics.map(\.id) == ["hls.undefined-value"])
    #expect(refusal.diagnostics.first?.message.contains("`b`") == true, "\(refusal.diagnostics.map(\.message))")
  }

  @Test func pairWindowsAreRefused() throws {
    let d = try Self.refusals("""
      strategy s
      instrument x = "X"
      instrument y = "Y"
      let c = corr(x.close, y.close, 10)
      when c > 0.5 { buy x 1 }
      """)
    #expect(d.map(\.id) == ["hls.unsupported-window"])
  }

  @Test func windowsLongerThanTheShiftRegisterLimitAreRefused() throws {
    let d = try Self.refusals("""
      strategy s
      instrument x = "X"
      let m = sma(x.close, 5000)
      when x.close > m { buy x 1 }
      """)
    #expect(d.map(\.id) == ["hls.window-too-long"])
    #expect(d.first?.message.contains("5000") == true)
  }
}
