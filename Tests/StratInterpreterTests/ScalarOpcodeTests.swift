import Foundation
import StratABI
import StratIR
import StratInterpreter
import Testing

// Every value opcode against the opcode table: IEEE doubles, C math, ordered comparisons,
// wrapping integers. Results are compared as bit patterns (any NaN matches NaN unless the case
// checks the sign bit).

private let nan = Double.nan
private let inf = Double.infinity
private let minusZero = -0.0

// MARK: - Floating point

private let floatBinaryCases: [(Opcode, Double, Double, Double)] = [
  (.fadd, 1.5, 2.25, 3.75),
  (.fadd, 0.1, 0.2, 0.30000000000000004),
  (.fadd, minusZero, minusZero, minusZero),
  (.fadd, minusZero, 0, 0),
  (.fadd, inf, -inf, nan),
  (.fadd, nan, 1, nan),
  (.fadd, 1e308, 1e308, inf),
  (.fsub, 5, 7, -2),
  (.fsub, 0, 0, 0),
  (.fsub, minusZero, 0, minusZero),
  (.fsub, inf, inf, nan),
  (.fmul, minusZero, 5, minusZero),
  (.fmul, inf, 0, nan),
  (.fmul, 1e200, 1e200, inf),
  (.fmul, 3, -0.5, -1.5),
  (.fdiv, 7, 2, 3.5),
  (.fdiv, 1, 0, inf),
  (.fdiv, -1, 0, -inf),
  (.fdiv, 1, minusZero, -inf),
  (.fdiv, 0, 0, nan),
  (.fdiv, 1, 3, 1.0 / 3.0),
  (.fmin, -1, 2, -1),
  (.fmin, nan, 1, 1),
  (.fmin, 1, nan, 1),
  (.fmin, nan, nan, nan),
  (.fmin, -inf, 0, -inf),
  (.fmax, -1, 2, 2),
  (.fmax, nan, 1, 1),
  (.fmax, 1, nan, 1),
  (.fmax, nan, nan, nan),
  (.fmax, inf, 0, inf),
]

@Test(arguments: floatBinaryCases)
func floatBinaryOpcodes(_ op: Opcode, _ a: Double, _ b: Double, _ expected: Double) throws {
  let bits = try evaluate(op, .f64, [.f64(a), .f64(b)])
  #expect(sameDouble(Double(bitPattern: bits), expected), "\(op) \(a) \(b)")
}

private let floatUnaryCases: [(Opcode, Double, Double)] = [
  (.fneg, 1, -1),
  (.fneg, 0, minusZero),
  (.fneg, minusZero, 0),
  (.fneg, inf, -inf),
  (.log, 1, 0),
  (.log, 0, -inf),
  (.log, -1, nan),
  (.log, inf, inf),
  (.log, 10, Foundation.log(10.0)),
  (.log, 123.45, Foundation.log(123.45)),
  (.exp, 0, 1),
  (.exp, -inf, 0),
  (.exp, 1000, inf),
  (.exp, 1, Foundation.exp(1.0)),
  (.exp, -2.5, Foundation.exp(-2.5)),
  (.sqrt, 4, 2),
  (.sqrt, 2, 2.0.squareRoot()),
  (.sqrt, -1, nan),
  (.sqrt, minusZero, minusZero),
  (.sqrt, inf, inf),
  (.abs, -3, 3),
  (.abs, minusZero, 0),
  (.abs, -inf, inf),
  (.round, 2.5, 3),
  (.round, -2.5, -3),
  (.round, 0.5, 1),
  (.round, -0.5, -1),
  (.round, 1.5, 2),
  (.round, 0.49999999999999994, 0),
  (.round, -0.2, minusZero),
  (.round, 1e300, 1e300),
  (.round, -inf, -inf),
  (.round, nan, nan),
  (.sign, 3, 1),
  (.sign, -2, -1),
  (.sign, 0, 0),
  (.sign, minusZero, 0),
  (.sign, inf, 1),
  (.sign, -Double.leastNonzeroMagnitude, -1),
  (.sign, nan, nan),
]

@Test(arguments: floatUnaryCases)
func floatUnaryOpcodes(_ op: Opcode, _ a: Double, _ expected: Double) throws {
  let bits = try evaluate(op, .f64, [.f64(a)])
  #expect(sameDouble(Double(bitPattern: bits), expected), "\(op) \(a)")
}

// C leaves the sign of fmin/fmax of two zeros open; the oracle fixes glibc's x86-64 answer
// (equal operands give the second), which Swift's `Foundation.fmax` does not. Two NaNs give a
// NaN, stored as the canonical one like every NaN (WindowSemantics.md).
private let zeroAndNaNOrderCases: [(Opcode, Double, Double, UInt64)] = [
  (.fmax, 0, minusZero, minusZero.bitPattern), (.fmax, minusZero, 0, 0),
  (.fmin, 0, minusZero, minusZero.bitPattern), (.fmin, minusZero, 0, 0),
  (
    .fmax, Double(nan: 1, signaling: false), -Double(nan: 2, signaling: false),
    0x7FF8_0000_0000_0000
  ),
  (
    .fmax, -Double(nan: 2, signaling: false), Double(nan: 1, signaling: false),
    0x7FF8_0000_0000_0000
  ),
  (
    .fmin, Double(nan: 1, signaling: false), -Double(nan: 2, signaling: false),
    0x7FF8_0000_0000_0000
  ),
  (
    .fmin, -Double(nan: 2, signaling: false), Double(nan: 1, signaling: false),
    0x7FF8_0000_0000_0000
  ),
]

@Test(arguments: zeroAndNaNOrderCases)
func fminAndFmaxFollowGlibcOnZerosAndNaNs(
  _ op: Opcode, _ a: Double, _ b: Double, _ expected: UInt64
) throws {
  #expect(try evaluate(op, .f64, [.f64(a), .f64(b)]) == expected)
}

/// Which NaN an operation returns cannot be seen: every NaN is stored as 0x7FF8000000000000,
/// whatever its sign and payload (fneg flips the sign bit, abs clears it, select passes bits).
@Test(arguments: [Opcode.fneg, .abs, .sign, .round, .sqrt])
func aNaNResultIsStoredCanonical(_ op: Opcode) throws {
  for nan in [Double(nan: 0x1234, signaling: false), -Double(nan: 7, signaling: false), -Double.nan] {
    #expect(try evaluate(op, .f64, [.f64(nan)]) == 0x7FF8_0000_0000_0000, "\(op) \(nan.bitPattern)")
  }
}

@Test func signOfZeroIsPositiveZero() throws {
  #expect(try evaluate(.sign, .f64, [.f64(minusZero)]) == 0)
}

// MARK: - Conversions

private let itofCases: [(Int64, Double)] = [
  (0, 0), (-3, -3), (1 << 53, 9_007_199_254_740_992),
  ((1 << 53) + 1, 9_007_199_254_740_992),  // ties to even
  ((1 << 53) + 3, 9_007_199_254_740_996),
  (.max, 9_223_372_036_854_775_808.0), (.min, -9_223_372_036_854_775_808.0),
]

@Test(arguments: itofCases)
func itofRoundsToNearestEven(_ a: Int64, _ expected: Double) throws {
  #expect(try evaluate(.itof, .f64, [.i64(a)]) == expected.bitPattern)
}

private let ftoiCases: [(Double, Int64)] = [
  (2.9, 2), (-2.9, -2), (0.99, 0), (-0.99, 0), (minusZero, 0), (nan, 0),
  (-nan, 0), (1e19, .max), (-1e19, .min), (inf, .max), (-inf, .min),
  (9_223_372_036_854_775_808.0, .max), (-9_223_372_036_854_775_808.0, .min),
  (9_223_372_036_854_774_784.0, 9_223_372_036_854_774_784),
  (-9_223_372_036_854_774_784.0, -9_223_372_036_854_774_784),
]

@Test(arguments: ftoiCases)
func ftoiTruncatesAndSaturates(_ a: Double, _ expected: Int64) throws {
  #expect(try evaluate(.ftoi, .i64, [.f64(a)]) == UInt64(bitPattern: expected))
}

// MARK: - Integers

private let integerCases: [(Opcode, Int64, Int64, Int64)] = [
  (.iadd, 2, 3, 5), (.iadd, .max, 1, .min), (.iadd, .min, -1, .max),
  (.isub, 2, 3, -1), (.isub, .min, 1, .max), (.isub, 0, .min, .min),
  (.imul, 6, -7, -42), (.imul, .max, 2, -2), (.imul, .min, -1, .min),
  (.idiv, 7, 2, 3), (.idiv, -7, 2, -3), (.idiv, 7, -2, -3), (.idiv, 7, 0, 0), (.idiv, 0, 0, 0),
  (.idiv, .min, -1, .min), (.idiv, .min, 1, .min), (.idiv, 9, -1, -9),
  (.irem, 7, 3, 1), (.irem, -7, 3, -1), (.irem, 7, -3, 1), (.irem, 5, 0, 0),
  (.irem, .min, -1, 0), (.irem, .min, 3, -2), (.irem, 9, -1, 0),
]

@Test(arguments: integerCases)
func integerOpcodesWrap(_ op: Opcode, _ a: Int64, _ b: Int64, _ expected: Int64) throws {
  #expect(try evaluate(op, .i64, [.i64(a), .i64(b)]) == UInt64(bitPattern: expected))
  // Constant folding computes what the step would: it wraps exactly as the interpreter does.
  #expect(ConstantFolding.evaluate(op, [.i64(a), .i64(b)]) == .i64(expected), "folding \(op) \(a) \(b)")
}

@Test(arguments: [(Int64(5), Int64(-5)), (0, 0), (.min, .min), (.max, -Int64.max)])
func inegWraps(_ a: Int64, _ expected: Int64) throws {
  #expect(try evaluate(.ineg, .i64, [.i64(a)]) == UInt64(bitPattern: expected))
  #expect(ConstantFolding.evaluate(.ineg, [.i64(a)]) == .i64(expected))
}

// MARK: - Comparisons and logic

private let floatComparisonCases: [(Opcode, Double, Double, Bool)] = [
  (.flt, 1, 2, true), (.flt, 2, 1, false), (.flt, nan, 1, false), (.flt, 1, nan, false),
  (.fle, 1, 1, true), (.fle, nan, nan, false), (.fle, minusZero, 0, true),
  (.fgt, 2, 1, true), (.fgt, nan, 1, false), (.fgt, inf, inf, false),
  (.fge, inf, inf, true), (.fge, 1, nan, false),
  (.feq, 0, minusZero, true), (.feq, nan, nan, false), (.feq, 1, 1, true),
  (.fne, 0, minusZero, false), (.fne, nan, nan, true), (.fne, nan, 1, true), (.fne, 1, 2, true),
]

@Test(arguments: floatComparisonCases)
func floatComparisonsAreOrderedExceptFne(
  _ op: Opcode, _ a: Double, _ b: Double, _ expected: Bool
) throws {
  #expect(try evaluate(op, .bool, [.f64(a), .f64(b)]) == (expected ? 1 : 0))
}

private let integerComparisonCases: [(Opcode, Int64, Int64, Bool)] = [
  (.ilt, -1, 0, true), (.ilt, .min, .max, true), (.ilt, 3, 3, false),
  (.ile, 3, 3, true), (.ile, 4, 3, false),
  (.igt, 0, -1, true), (.igt, .min, .max, false),
  (.ige, 3, 3, true), (.ige, -4, 3, false),
  (.ieq, .min, .min, true), (.ieq, 1, -1, false),
  (.ine, 1, -1, true), (.ine, 0, 0, false),
]

@Test(arguments: integerComparisonCases)
func integerComparisonsAreSigned(_ op: Opcode, _ a: Int64, _ b: Int64, _ expected: Bool) throws {
  #expect(try evaluate(op, .bool, [.i64(a), .i64(b)]) == (expected ? 1 : 0))
}

private let logicCases: [(Opcode, Bool, Bool, Bool)] = [
  (.and, false, false, false), (.and, false, true, false), (.and, true, false, false),
  (.and, true, true, true),
  (.or, false, false, false), (.or, false, true, true), (.or, true, false, true),
  (.or, true, true, true),
]

@Test(arguments: logicCases)
func logicTruthTables(_ op: Opcode, _ a: Bool, _ b: Bool, _ expected: Bool) throws {
  #expect(try evaluate(op, .bool, [.bool(a), .bool(b)]) == (expected ? 1 : 0))
}

@Test(arguments: [(false, true), (true, false)])
func notNegates(_ a: Bool, _ expected: Bool) throws {
  #expect(try evaluate(.not, .bool, [.bool(a)]) == (expected ? 1 : 0))
}

private let selectCases: [(Bool, IRConstant, IRConstant)] = [
  (true, .f64(1.5), .f64(-2)), (false, .f64(1.5), .f64(-2)),
  (true, .f64(-Double(nan: 99, signaling: false)), .f64(0)),
  (false, .f64(0), .f64(minusZero)),
  (true, .i64(.min), .i64(7)), (false, .i64(.min), .i64(7)),
  (true, .bool(true), .bool(false)), (false, .bool(true), .bool(false)),
  (true, .bool(false), .bool(true)), (false, .bool(false), .bool(true)),
]

@Test(arguments: selectCases)
func selectPicksExactBitsOfEveryType(
  _ condition: Bool, _ a: IRConstant, _ b: IRConstant
) throws {
  let bits = try evaluate(.select, a.type, [.bool(condition), a, b])
  let chosen = condition ? a : b
  if case .f64(let value) = chosen, value.isNaN {
    #expect(bits == 0x7FF8_0000_0000_0000, "a NaN is stored canonical")
  } else {
    #expect(bits == bitPattern(chosen))
  }
}

private func bitPattern(_ constant: IRConstant) -> UInt64 {
  switch constant {
  case .f64(let value): value.bitPattern
  case .i64(let value): UInt64(bitPattern: value)
  case .bool(let value): value ? 1 : 0
  }
}

// MARK: - Inputs, time and parameters

@Test(arguments: [Int64(0), 1_704_153_600_000_000_000, -1, .max])
func timeIsTheStepTime(_ time: Int64) throws {
  let module = makeModule { b in
    let slot = b.scalar("t", .i64)
    b.store(b.emit(.time, .i64), into: slot)
  }
  let interpreter = try Interpreter(module: module)
  _ = interpreter.step(timeNanos: time)
  #expect(interpreter.word(at: 0) == UInt64(bitPattern: time))
}

@Test(arguments: [IRConstant.f64(2.5), .i64(-42), .bool(true), .bool(false)])
func paramReadsTheBoundValue(_ value: IRConstant) throws {
  let module = makeModule(params: [IRParam(name: "p", value: value)]) { b in
    let slot = b.scalar("out", value.type)
    b.store(b.emit(.param, value.type, imm: .param(0)), into: slot)
  }
  let interpreter = try Interpreter(module: module)
  _ = interpreter.step(timeNanos: 0)
  #expect(interpreter.word(at: 0) == bitPattern(value))
}

@Test(arguments: [InputField.open, .high, .low, .close, .volume])
func fieldReadsTheLastBarsField(_ field: InputField) throws {
  let module = makeModule(instruments: 2) { b in
    let slot = b.scalar("out", .f64)
    b.store(b.emit(.field, .f64, imm: .field(instrument: 1, field)), into: slot)
  }
  let interpreter = try Interpreter(module: module)
  _ = interpreter.step(timeNanos: 0)
  #expect(interpreter.double(at: 0) == 0, "0 before any bar")
  interpreter.setBar(instrument: 1, bar: Bar(open: 1, high: 2, low: 3, close: 4, volume: 5))
  interpreter.setBar(instrument: 0, bar: Bar(open: 9, high: 9, low: 9, close: 9, volume: 9))
  _ = interpreter.step(timeNanos: 1)
  #expect(interpreter.double(at: 0) == Double(field.rawValue + 1))
  _ = interpreter.step(timeNanos: 2)
  #expect(interpreter.double(at: 0) == Double(field.rawValue + 1), "kept until the next bar")
}

/// Book, trade and order-state fields start at their documented initial values and keep what
/// the host last wrote, for every field of the record.
@Test func everyInputFieldStartsAtItsInitialValueAndKeepsWhatWasSet() throws {
  for field in InputField.allFields {
    let module = makeModule(instruments: 2) { b in
      let slot = b.scalar("out", .f64)
      b.store(b.emit(.field, .f64, imm: .field(instrument: 1, field)), into: slot)
    }
    let interpreter = try Interpreter(module: module)
    _ = interpreter.step(timeNanos: 0)
    #expect(
      interpreter.double(at: 0).bitPattern == field.initialValue.bitPattern, "\(field.name)")
    interpreter.setInput(instrument: 1, field: field, value: Double(field.rawValue) + 0.5)
    interpreter.setInput(instrument: 0, field: field, value: -1)
    _ = interpreter.step(timeNanos: 1)
    #expect(interpreter.double(at: 0) == Double(field.rawValue) + 0.5, "\(field.name)")
  }
}
