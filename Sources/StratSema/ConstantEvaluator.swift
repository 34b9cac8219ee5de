import Foundation
import StratIR

/// Evaluates expressions made of literals and parameters (with their bound values) at compile
/// time: window lengths, lags, risk limits, defaults. Nil when the value depends on the data, or
/// when Int arithmetic overflows (the checker reports that at the operator; nothing here wraps).
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
      case .i64(let v)?: return Self.integer(0, v, Int64.subtractingReportingOverflow)
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
      case .add: return integer(x, y, Int64.addingReportingOverflow)
      case .subtract: return integer(x, y, Int64.subtractingReportingOverflow)
      case .multiply: return integer(x, y, Int64.multipliedReportingOverflow)
      case .remainder: return y == 0 ? .i64(0) : integer(x, y, Int64.remainderReportingOverflow)
      default: return nil
      }
    case (.f64(let x), .f64(let y)):
      switch op {
      case .add: return .f64(x + y)
      case .subtract: return .f64(x - y)
      case .multiply: return .f64(x * y)
      case .divide: return .f64(x / y)
      case .remainder: return .f64(fmod(x, y))
      default: return nil
      }
    case (.f64, .i64(let y)): return fold(op, a, .f64(Double(y)))
    case (.i64(let x), .f64): return fold(op, .f64(Double(x)), b)
    default: return nil
    }
  }

  /// The result of `operation`, or nil when it overflows.
  static func integer(
    _ x: Int64, _ y: Int64, _ operation: (Int64) -> (Int64) -> (partialValue: Int64, overflow: Bool)
  ) -> IRConstant? {
    let (value, overflow) = operation(x)(y)
    return overflow ? nil : .i64(value)
  }

  /// The innermost Int arithmetic in `expr` whose operands are constants and whose exact result
  /// is outside Int64 (depth is bounded by the parser's height limit).
  func overflowingNode(in expr: TypedExpr) -> TypedExpr? {
    switch expr.kind {
    case .negate(let e), .toFloat(let e): if let inner = overflowingNode(in: e) { return inner }
    case .binary(_, let l, let r):
      if let inner = overflowingNode(in: l) ?? overflowingNode(in: r) { return inner }
    default: return nil
    }
    return overflows(expr) ? expr : nil
  }

  /// True when `expr` is Int arithmetic on constants whose exact result is outside Int64.
  func overflows(_ expr: TypedExpr) -> Bool {
    switch expr.kind {
    case .negate(let e):
      guard case .i64? = evaluate(e) else { return false }
    case .binary(let op, let l, let r):
      guard [.add, .subtract, .multiply].contains(op), case .i64? = evaluate(l), case .i64? = evaluate(r)
      else { return false }
    default:
      return false
    }
    return evaluate(expr) == nil
  }
}
