import Foundation

extension ConstantFolding {
  /// Returns the result of a pure opcode on constant operands, or nil when it cannot be folded:
  /// operands of the wrong types or count, or a non-arithmetic opcode. `fmin`, `fmax` and
  /// `sign` follow the opcode table's compare-and-select definitions, as every executor does.
  public static func evaluate(_ op: Opcode, _ operands: [IRConstant]) -> IRConstant? {
    switch operands.count {
    case 1: unary(op, operands[0])
    case 2: binary(op, operands[0], operands[1])
    default: nil
    }
  }

  private static func unary(_ op: Opcode, _ operand: IRConstant) -> IRConstant? {
    switch (op, operand) {
    case (.fneg, .f64(let a)): .f64(-a)
    case (.log, .f64(let a)): .f64(Foundation.log(a))
    case (.exp, .f64(let a)): .f64(Foundation.exp(a))
    case (.sqrt, .f64(let a)): .f64(Foundation.sqrt(a))
    case (.abs, .f64(let a)): .f64(Foundation.fabs(a))
    case (.round, .f64(let a)): .f64(Foundation.round(a))
    case (.f32, .f64(let a)): .f64(Double(Float(a)))
    case (.floor, .f64(let a)): .f64(Foundation.floor(a))
    case (.ceil, .f64(let a)): .f64(Foundation.ceil(a))
    case (.expf, .f64(let a)): .f64(Double(Foundation.expf(Float(a))))
    case (.sign, .f64(let a)): .f64(a.isNaN ? a : a > 0 ? 1 : a < 0 ? -1 : 0)
    case (.ftoi, .f64(let a)): .i64(truncatedSaturating(a))
    case (.ineg, .i64(let a)): .i64(0 &- a)
    case (.itof, .i64(let a)): .f64(Double(a))
    case (.not, .bool(let a)): .bool(!a)
    default: nil
    }
  }

  /// C-style truncation toward zero, with NaN giving 0 and the i64 range saturating.
  static func truncatedSaturating(_ value: Double) -> Int64 {
    if value.isNaN { return 0 }
    if value >= 0x1p63 { return .max }
    if value <= -0x1p63 { return .min }
    return Int64(value)
  }

  private static func binary(_ op: Opcode, _ lhs: IRConstant, _ rhs: IRConstant) -> IRConstant? {
    switch (lhs, rhs) {
    case (.f64(let a), .f64(let b)): floating(op, a, b)
    case (.i64(let a), .i64(let b)): integer(op, a, b)
    case (.bool(let a), .bool(let b)):
      switch op {
      case .and: .bool(a && b)
      case .or: .bool(a || b)
      default: nil
      }
    default: nil
    }
  }

  private static func floating(_ op: Opcode, _ a: Double, _ b: Double) -> IRConstant? {
    switch op {
    case .fadd: .f64(a + b)
    case .fsub: .f64(a - b)
    case .fmul: .f64(a * b)
    case .fdiv: .f64(a / b)
    case .fmin: .f64(a < b || b.isNaN ? a : b)
    case .fmax: .f64(a > b || b.isNaN ? a : b)
    case .flt: .bool(a < b)
    case .fle: .bool(a <= b)
    case .fgt: .bool(a > b)
    case .fge: .bool(a >= b)
    case .feq: .bool(a == b)
    case .fne: .bool(a != b)
    case .pow: .f64(Foundation.pow(a, b))
    case .fmod: .f64(Foundation.fmod(a, b))
    default: nil
    }
  }

  private static func integer(_ op: Opcode, _ a: Int64, _ b: Int64) -> IRConstant? {
    switch op {
    case .iadd: .i64(a &+ b)
    case .isub: .i64(a &- b)
    case .imul: .i64(a &* b)
    case .idiv: .i64(b == 0 ? 0 : a.dividedReportingOverflow(by: b).partialValue)
    case .irem: .i64(b == 0 ? 0 : a.remainderReportingOverflow(dividingBy: b).partialValue)
    case .ilt: .bool(a < b)
    case .ile: .bool(a <= b)
    case .igt: .bool(a > b)
    case .ige: .bool(a >= b)
    case .ieq: .bool(a == b)
    case .ine: .bool(a != b)
    default: nil
    }
  }
}
