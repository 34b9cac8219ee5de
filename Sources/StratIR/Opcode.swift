/// The opcode table: one line of meaning per opcode. Printer, parser, verifier, report and every
/// executor read it; adding an opcode starts here.
///
/// Floating point is IEEE-754 double with no fast-math and no fused multiply-add. The math
/// intrinsics log, exp, expf, pow, fmod, round, floor and ceil are the C library's; sqrt and abs are IEEE-exact; fmin, fmax and
/// sign are defined below by comparisons (C libraries disagree on ±0 and NaN ties), so every
/// backend gets the same bits. Comparisons are ordered (false when an operand is NaN) except
/// `fne`, which is true when either is NaN. Integer arithmetic wraps; `idiv`/`irem` by zero give 0.
public enum Opcode: String, Sendable, CaseIterable {
  // Constants and inputs
  case const  // imm constant → its type: a constant
  case field  // imm field(@i.f) → f64: the last known value of instrument i's bar field f
  case seen  // imm instrument → bool: the instrument has delivered at least one bar
  case time  // → i64: the step's time in nanoseconds since 1970-01-01T00:00:00Z
  case param  // imm param → its type: the bound value of a parameter
  // Scalar state
  case load  // imm slot → slot type: the slot's value (as stored by an earlier effect, if any)
  case store  // imm slot, (v) [if p]: writes v into the scalar slot
  // Floating point
  case fadd, fsub, fmul, fdiv  // (a, b) → f64: IEEE arithmetic, round to nearest even
  case fneg  // (a) → f64: flips the sign bit
  // Integers (64-bit two's complement, wrapping; division by zero gives 0)
  case iadd, isub, imul, idiv, irem  // (a, b) → i64
  case ineg  // (a) → i64
  case itof  // (a: i64) → f64: nearest double
  case ftoi  // (a: f64) → i64: truncates toward zero; NaN gives 0; saturates at the i64 range
  // Math intrinsics (C library)
  case log, exp, sqrt, abs  // (a) → f64: log, exp, sqrt, fabs
  case round  // (a) → f64: round half away from zero (C round)
  case floor, ceil  // (a) → f64: the nearest whole number below / above (exact, C floor and ceil)
  case pow  // (a, b) → f64: the C library's pow
  case fmod  // (a, b) → f64: the C library's fmod, a − n·b with n = trunc(a ÷ b), exact
  case sign  // (a) → f64: −1, 0 or +1 (−0 gives 0; NaN gives NaN)
  // Float32, for trained models that compute in it (XGBoost): exact by double rounding, since
  // a double holds every float32 and f32(a op b) of float32 a, b is the float32 operation.
  case f32  // (a) → f64: a rounded to the nearest float32 (ties to even), widened back
  case expf  // (a) → f64: the C library's expf of a rounded to float32, widened
  case fmin, fmax  // (a, b) → f64: fmin = (a < b || b is NaN) ? a : b; fmax the same with >
  // Comparisons → bool
  case flt, fle, fgt, fge, feq, fne  // (a: f64, b: f64)
  case ilt, ile, igt, ige, ieq, ine  // (a: i64, b: i64)
  // Logic
  case and, or  // (a, b: bool) → bool
  case not  // (a: bool) → bool
  case select  // (c: bool, a, b) → type of a: a when c else b
  // Buffers (see WindowSemantics.md for the exact arithmetic)
  case push  // imm slot, (v) or (x, y) for a pair window [if p]: appends to the buffer
  case lag  // imm lag(slot, k) → f64: the k-th most recent pushed value, 0 before it exists
  case count  // imm slot → i64: values currently held, at most the capacity (period for ema)
  case sum, mean, varp, vars, min, max  // imm window slot → f64: over the held values
  case cov, corr, slope, intercept  // imm pair slot → f64: sample covariance, correlation, OLS y on x
  case ema  // imm ema slot → f64: the current average
  // Decisions
  case target  // imm instrument, (qty: f64) [if p]: make the position qty
  case market  // imm instrument, (qty: f64) [if p]: buy (qty > 0) or sell at market
  case limit  // imm instrument, (qty: f64, price: f64) [if p]: buy or sell at price or better
  case ioc  // imm instrument, (qty: f64, price: f64) [if p]: as limit, the unfilled rest cancelled
  case replace  // imm instrument, (qty: f64, price: f64) [if p]: the open orders on qty's side become one
  case cancel  // imm instrument, (side: f64) [if p]: cancel open buys (side > 0), sells (< 0), all (0)

  /// True for instructions that change state or emit a decision (and have no result).
  public var isEffect: Bool {
    switch self {
    case .store, .push, .target, .market, .limit, .ioc, .replace, .cancel: true
    default: false
    }
  }

  /// True when the instruction may be removed or merged if its result is unused or repeated.
  public var isPure: Bool { !isEffect && self != .load }

  /// The value operand types, or nil where they depend on the slot (`push`, `store`, `select`).
  public var operandTypes: [IRType]? {
    switch self {
    case .const, .field, .seen, .time, .param, .load, .lag, .count, .sum, .mean, .varp, .vars,
      .min, .max, .cov, .corr, .slope, .intercept, .ema:
      []
    case .fadd, .fsub, .fmul, .fdiv, .fmin, .fmax, .flt, .fle, .fgt, .fge, .feq, .fne, .pow, .fmod: [.f64, .f64]
    case .fneg, .log, .exp, .sqrt, .abs, .round, .sign, .ftoi, .f32, .expf, .floor, .ceil: [.f64]
    case .iadd, .isub, .imul, .idiv, .irem, .ilt, .ile, .igt, .ige, .ieq, .ine: [.i64, .i64]
    case .ineg, .itof: [.i64]
    case .and, .or: [.bool, .bool]
    case .not: [.bool]
    case .target, .market, .cancel: [.f64]
    case .limit, .ioc, .replace: [.f64, .f64]
    case .store, .push, .select: nil
    }
  }

  /// The result type when it is fixed by the opcode; nil for effects and for
  /// `const`, `param`, `load` and `select`, whose type comes from their operand.
  public var fixedResultType: IRType? {
    switch self {
    case .field, .fadd, .fsub, .fmul, .fdiv, .fneg, .itof, .log, .exp, .sqrt, .abs, .round, .sign, .f32, .expf,
      .floor, .ceil, .pow, .fmod,
      .fmin, .fmax, .lag, .sum, .mean, .varp, .vars, .min, .max, .cov, .corr, .slope, .intercept,
      .ema:
      .f64
    case .time, .iadd, .isub, .imul, .idiv, .irem, .ineg, .ftoi, .count: .i64
    case .seen, .flt, .fle, .fgt, .fge, .feq, .fne, .ilt, .ile, .igt, .ige, .ieq, .ine, .and, .or,
      .not:
      .bool
    case .const, .param, .load, .select, .store, .push, .target, .market, .limit, .ioc, .replace,
      .cancel:
      nil
    }
  }
}
