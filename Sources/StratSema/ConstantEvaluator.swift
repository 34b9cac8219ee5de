import StratIR

/// Evaluates expressions made of literals and parameters (with their bound values) at compile
/// time: window lengths, lags, risk limits, defaults. Nil when the value depends on the data.
struct ConstantEvaluator {
  let params: [CheckedProgram.Param]

  func evaluate(_ expr: TypedExpr) -> IRConstant? {
    switch expr.kind {
    case .constant(let c):
      if case .float = expr.type, case .i64(let v) = c { return .f64(Double(v)) }
      return c
    case .param(let i):
      return i < params.count ? params[i].value : nil
    case .negate(let e):
      switch evaluate(e) {
      case .f64(let v)?: return .f64(-v)
      case .i64(let v)?: return .i64(0 &- v)
      default: return nil
      }
    case .not(let e):
      if case .bool(let v)? = evaluate(e) { return .bool(!v) }
      return nil
    case .toFloat(let e):
      if case .i64(let v)? = evaluate(e) { return .f64(Double(v)) }
      return evaluate(e)
    case .binary(let op, let l, let r):
      guard let a = evaluate(l), let b = evaluate(r) else { return nil }
      return Self.fold(op, a, b)
    default:
      return nil
    }
  }

  static func fold(_ op: TypedExpr.BinaryOp, _ a: IRConstant, _ b: IRConstant) -> IRConstant? {
    switch (a, b) {
    case (.i64(let x), .i64(let y)):
      switch op {
      case .add: return .i64(x &+ y)
      case .subtract: return .i64(x &- y)
      case .multiply: return .i64(x &* y)
      default: return nil
      }
    case (.f64(let x), .f64(let y)):
      switch op {
      case .add: return .f64(x + y)
      case .subtract: return .f64(x - y)
      case .multiply: return .f64(x * y)
      case .divide: return .f64(x / y)
      default: return nil
      }
    case (.f64, .i64(let y)): return fold(op, a, .f64(Double(y)))
    case (.i64(let x), .f64): return fold(op, .f64(Double(x)), b)
    default: return nil
    }
  }
}
