import Testing

@testable import StratFixed

/// Assignment into ap_fixed<8,4> (4 fraction bits, raw −128…127), computed by hand from UG1399's
/// definitions: the exact value's raw at 4 fraction bits, then the mode's rounding and overflow.
@Suite struct FixedArithmeticTests {
  static func format(_ q: Quantization, _ o: Overflow = .AP_WRAP, signed: Bool = true) -> FixedFormat {
    FixedFormat(width: 8, integerBits: 4, signed: signed, quantization: q, overflow: o)
  }

  /// x × 2^−frac assigned into ap_fixed<8,4,q>.
  static func assign(_ raw: Int128, frac: Int, _ q: Quantization) -> Int128 {
    format(q).assign(ExactValue(raw: raw, fraction: frac))
  }

  // 16.5 ÷ 16 = 1.03125 and −1.03125: exact ties between two raw values.
  @Test(arguments: [
    (Quantization.AP_TRN, 16, -17), (.AP_TRN_ZERO, 16, -16), (.AP_RND, 17, -16), (.AP_RND_ZERO, 16, -16),
    (.AP_RND_MIN_INF, 16, -17), (.AP_RND_INF, 17, -17), (.AP_RND_CONV, 16, -16),
  ])
  func tiesRoundAsEachModeSays(mode: Quantization, positive: Int, negative: Int) {
    #expect(Self.assign(33, frac: 5, mode) == Int128(positive))
    #expect(Self.assign(-33, frac: 5, mode) == Int128(negative))
  }

  // 17.5 ÷ 16: the tie whose lower neighbour is odd.
  @Test func convergentRoundingGoesToTheEvenNeighbour() {
    #expect(Self.assign(35, frac: 5, .AP_RND_CONV) == 18)
    #expect(Self.assign(-35, frac: 5, .AP_RND_CONV) == -18)
    #expect(Self.assign(35, frac: 5, .AP_RND_ZERO) == 17)
  }

  // 16.75 ÷ 16 and its negative: no tie, so every rounding mode goes to the nearest.
  @Test(arguments: [
    (Quantization.AP_TRN, 16, -17), (.AP_TRN_ZERO, 16, -16), (.AP_RND, 17, -17), (.AP_RND_ZERO, 17, -17),
    (.AP_RND_MIN_INF, 17, -17), (.AP_RND_INF, 17, -17), (.AP_RND_CONV, 17, -17),
  ])
  func nonTiesGoToTheNearestUnlessTruncated(mode: Quantization, positive: Int, negative: Int) {
    #expect(Self.assign(67, frac: 6, mode) == Int128(positive))
    #expect(Self.assign(-67, frac: 6, mode) == Int128(negative))
  }

  @Test func exactValuesAreUnchangedByEveryMode() {
    for q in Quantization.allCases {
      #expect(Self.assign(40, frac: 5, q) == 20)
      #expect(Self.assign(-3, frac: 0, q) == -48)
    }
  }

  // 9.0 and −9.0 are beyond −8…7.9375.
  @Test(arguments: [
    (Overflow.AP_SAT, 127, -128), (.AP_SAT_ZERO, 0, 0), (.AP_SAT_SYM, 127, -127), (.AP_WRAP, -112, 112),
  ])
  func overflowModes(mode: Overflow, above: Int, below: Int) {
    let f = Self.format(.AP_TRN, mode)
    #expect(f.assign(ExactValue(integer: 9)) == Int128(above))
    #expect(f.assign(ExactValue(integer: -9)) == Int128(below))
  }

  @Test func unsignedFormatsSaturateAtZeroAndWrapModulo256() {
    #expect(Self.format(.AP_TRN, .AP_SAT, signed: false).assign(ExactValue(integer: -1)) == 0)
    #expect(Self.format(.AP_TRN, .AP_WRAP, signed: false).assign(ExactValue(integer: -1)) == 240)
    #expect(Self.format(.AP_TRN, .AP_SAT, signed: false).assign(ExactValue(integer: 16)) == 255)
  }

  @Test func roundingCanCarryIntoOverflow() {
    // 7.96875 rounds up to 8.0, beyond the range: saturation then clamps it.
    let f = Self.format(.AP_RND, .AP_SAT)
    #expect(f.assign(ExactValue(raw: 255, fraction: 5)) == 127)
  }

  @Test func fullPrecisionOperationsAreExact() {
    let a = ExactValue(raw: 3, fraction: 1), b = ExactValue(raw: -5, fraction: 3)  // 1.5, −0.625
    #expect(a + b == ExactValue(raw: 7, fraction: 3))
    #expect(a * b == ExactValue(raw: -15, fraction: 4))
    #expect(ExactValue.compare(a, b) == 1 && ExactValue.compare(b, b) == 0)
    let big = ExactValue(raw: (Int128(1) << 62) - 1, fraction: 0)
    #expect((big * big).raw == ((Int128(1) << 62) - 1) * ((Int128(1) << 62) - 1))
  }

  static let q16 = FixedFormat(width: 16, integerBits: 4, overflow: .AP_SAT)  // 12 fraction bits

  @Test func divisionTruncatesTowardZeroAndSaturatesOnZero() {
    #expect(FixedMath.divide(16, 4, 48, 4, into: Self.q16) == 1365)  // 1 ÷ 3
    #expect(FixedMath.divide(-16, 4, 48, 4, into: Self.q16) == -1365)
    #expect(FixedMath.divide(16, 4, 0, 4, into: Self.q16) == 32767)
    #expect(FixedMath.divide(-16, 4, 0, 4, into: Self.q16) == -32768)
    #expect(FixedMath.divide(0, 4, 0, 4, into: Self.q16) == 0)
    #expect(FixedMath.divide(127, 4, 1, 12, into: Self.q16) == 32767)  // 7.94 ÷ 1/4096 saturates
  }

  @Test func squareRootIsTheFloorOfTheExactRoot() {
    #expect(FixedMath.squareRoot(32, 4, into: Self.q16) == 5792)  // √2 = 1.41406… × 4096
    #expect(FixedMath.squareRoot(64, 4, into: Self.q16) == 8192)  // √4 = 2
    #expect(FixedMath.squareRoot(-1, 4, into: Self.q16) == 0)
    #expect(FixedMath.isqrt(UInt128(1) << 124) == UInt128(1) << 62)
    #expect(FixedMath.isqrt((UInt128(1) << 124) - 1) == (UInt128(1) << 62) - 1)
  }

  static let table = (0...1024).map { Int128(log1pTable($0)) }
  static func log1pTable(_ j: Int) -> Double { (1 + Double(j) / 1024).logValue * pow2(60) }

  @Test func logOfPowersOfTwoIsExactlyMultiplesOfLn2() {
    let r = FixedFormat(width: 32, integerBits: 4, overflow: .AP_SAT)  // 28 fraction bits
    let ln2 = Int128(0.6931471805599453 * pow2(60))
    #expect(FixedMath.log(16, 4, into: r, table: Self.table, bits: 10, ln2: ln2) == 0)  // ln 1
    #expect(FixedMath.log(32, 4, into: r, table: Self.table, bits: 10, ln2: ln2) == 186_065_279)  // ln 2 × 2^28, floor
    #expect(FixedMath.log(8, 4, into: r, table: Self.table, bits: 10, ln2: ln2) == -186_065_280)  // ln ½, floor
    #expect(FixedMath.log(0, 4, into: r, table: Self.table, bits: 10, ln2: ln2) == r.minRaw)
  }
}

extension Double {
  /// ln, without Foundation (the tests of the raw arithmetic need one table only).
  var logValue: Double {
    // ln(x) = 2 atanh((x − 1)/(x + 1)), a series that converges fast for x in [1, 2].
    let y = (self - 1) / (self + 1), y2 = y * y
    var term = y, sum = 0.0
    for k in stride(from: 1, through: 61, by: 2) {
      sum += term / Double(k)
      term *= y2
    }
    return 2 * sum
  }
}
