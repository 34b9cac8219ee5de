import StratDiagnostics
import StratSema
import Testing

/// The unit table as data: each row is an expression and the type it must have, pinned by a
/// declared type (`let r: TYPE = EXPR` compiles only when EXPR is a TYPE), or the error it
/// must give.
@Suite struct UnitArithmeticTests {
  struct Row: Sendable, CustomTestStringConvertible {
    var expression: String
    /// The type the expression has, or nil when it is an error.
    var type: String?
    /// The error id when `type` is nil.
    var error: String?
    /// Set when a compiler bug makes the row fail today.
    var knownIssue: String?
    var testDescription: String { "\(expression) → \(type ?? error ?? "?")" }
  }

  static func ok(_ expression: String, _ type: String, knownIssue: String? = nil) -> Row {
    Row(expression: expression, type: type, knownIssue: knownIssue)
  }

  static func fails(_ expression: String, _ id: String) -> Row {
    Row(expression: expression, error: id)
  }

  static let rows: [Row] = [
    ok("p - p", "Price"), ok("p + p", "Price"), ok("p * q", "Money"), ok("q * p", "Money"),
    ok("p / p", "Float"), ok("m / q", "Price"), ok("m / p", "Qty"), ok("q + q", "Qty"),
    ok("m - m", "Money"), ok("-p", "Price"), ok("p + 1", "Price"), ok("p * 2.5", "Price"),
    ok("2.5 * p", "Price"), ok("p / 2.0", "Price"), ok("100", "Price"), ok("100", "Qty"),
    ok("1e6", "Money"), ok("f * p", "Price"), ok("f + 1", "Float"), ok("n", "Float"),
    ok("n + 1", "Int"), ok("sqrt(var(p, 5))", "Price"), ok("abs(p - p)", "Price"),
    ok("log(p)", "Float"), ok("zscore(p, 5)", "Float"), ok("cov(p, q, 5) / q", "Price"),
    ok("slope(p, q, 5) * q", "Price"), ok("intercept(p, q, 5)", "Price"),
    ok("d * 2", "Duration"), ok("2 * d", "Duration"), ok("d + d", "Duration"),
    ok("time + d", "Time"), ok("d + time", "Time"), ok("time - d", "Time"),
    ok("time - time", "Duration"), ok("p > 1", "Bool"), ok("b == false", "Bool"),
    ok("if b then p else 1", "Price"),
    ok("n + f", "Float"), ok("n * f", "Float"),
    ok("n / n", "Float"), ok("n * n", "Int"),
    ok("p * 2", "Price"), ok("2 * p", "Price"),
    ok("p / 2", "Price"),
    ok("d / 2", "Duration"),
    fails("p + q", "units.mismatch"), fails("p - m", "units.mismatch"),
    fails("p > m", "units.compare-mismatch"), fails("exp(p)", "units.needs-plain-number"),
    fails("sqrt(p)", "units.sqrt"), fails("p + d", "types.bad-operands"),
    fails("time + time", "types.bad-operands"), fails("b + 1", "types.bad-operands"),
    fails("b < b", "types.bad-comparison"), fails("if b then p else q", "units.mismatch"),
    fails("min(p, q)", "units.mismatch"), fails("not p", "types.mismatch"),
  ]

  @Test(arguments: rows)
  func expressionHasItsType(_ row: Row) {
    let declared = row.type ?? "Float"
    let text = """
      strategy units
      instrument a = "A"
      param p: Price = 1
      param q: Qty = 1
      param m: Money = 1
      param f: Float = 1.5
      param n: Int = 3
      param d: Duration = 5m
      param b: Bool = true
      let r: \(declared) = \(row.expression)
      when a.close > p and a.volume > q and m > 0 and f > 0 and n > 0 and d > 1s and b and r == r { flat a }

      """
    let result = Compiler.compile(SourceFile(path: "u.strat", text: text))
    let errors = result.diagnostics.filter { $0.severity == .error }.map(\.id)
    let check = {
      if row.type != nil {
        #expect(errors.isEmpty, "\(row): \(result.diagnostics.map(\.message))")
      } else {
        #expect(errors.first == row.error, "\(row): \(errors)")
      }
    }
    if let knownIssue = row.knownIssue {
      withKnownIssue(Comment(rawValue: knownIssue)) { check() }
    } else {
      check()
    }
  }
}
