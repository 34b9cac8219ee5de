import StratDiagnostics
import StratHLS
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

  @Test func bookFieldsAreRefusedAtTheirUse() throws {
    let d = try Self.refusals("""
      strategy s
      instrument x = "X"
      when x.bid > 10 { buy x 1 }
      """)
    #expect(d.map(\.id) == ["hls.unsupported-field"])
    #expect(d.first?.primary.map { $0.span.file.position(of: $0.span.start).line } == 3)
    #expect(d.first?.notes.first?.contains("ITCH front end") == true)
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
