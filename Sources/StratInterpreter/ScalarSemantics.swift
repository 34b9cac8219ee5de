import StratIR

// The scalar opcodes whose meaning takes more than one machine instruction, written so that
// every backend can reproduce them exactly with compares and selects (see the opcode table).

/// `idiv`: wrapping; division by zero gives 0 and `Int64.min ÷ −1` gives `Int64.min`.
@inline(__always) func wrappingDivide(_ a: Int64, _ b: Int64) -> Int64 {
  if b == 0 { return 0 }
  if b == -1 { return 0 &- a }
  return a / b
}

/// `irem`: the remainder has the dividend's sign; by zero gives 0, and `x rem −1` is 0.
@inline(__always) func wrappingRemainder(_ a: Int64, _ b: Int64) -> Int64 {
  if b == 0 || b == -1 { return 0 }
  return a % b
}

/// `ftoi`: truncates toward zero; NaN gives 0; saturates at the i64 range.
@inline(__always) func saturatingTruncate(_ x: Double) -> Int64 {
  if x.isNaN { return 0 }
  if x >= 9_223_372_036_854_775_808.0 { return .max }
  if x <= -9_223_372_036_854_775_808.0 { return .min }
  return Int64(x)
}

/// `fmin` as the opcode table defines it, by compare and select (C libraries disagree on ties):
/// a NaN operand yields the other, two NaNs yield the first, and equal operands (+0 and −0
/// included) yield the second. Every backend writes it as `(a < b || b != b) ? a : b`.
@inline(__always) func cMinimum(_ a: Double, _ b: Double) -> Double {
  a < b || b.isNaN ? a : b
}

/// `fmax` as the opcode table defines it; see `cMinimum`. `(a > b || b != b) ? a : b`.
@inline(__always) func cMaximum(_ a: Double, _ b: Double) -> Double {
  a > b || b.isNaN ? a : b
}

/// `sign`: −1, +1, +0 for either zero, and NaN for NaN (the operand itself).
@inline(__always) func signum(_ x: Double) -> Double {
  if x > 0 { return 1 }
  if x < 0 { return -1 }
  if x == 0 { return 0 }
  return x
}

/// The one NaN the state record and decisions hold: every f64 written where a host can see it
/// passes through here. Which NaN an operation returns is not fixed (x86 keeps the first of two
/// NaN operands; LLVM may commute an add), so without this the backends would agree on every
/// value but not on NaN signs. Done on the bits, so no floating-point rewrite can undo it.
@inline(__always) func canonical(_ x: Double) -> Double {
  x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF > 0x7FF0_0000_0000_0000 ? Double(bitPattern: IRConstant.canonicalNaNBits) : x
}
