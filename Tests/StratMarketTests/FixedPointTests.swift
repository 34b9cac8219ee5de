import StratMarket
import Testing

@Suite struct FixedPointTests {
  @Test(arguments: [
    ("181.875", Int64(18_187_500_000)), ("-0.5", -50_000_000), ("40.7", 4_070_000_000),
    ("0", 0), ("+3", 300_000_000), (".25", 25_000_000), ("7.", 700_000_000),
    ("0.00000001", 1), ("1.123456780000", 112_345_678),
    ("92233720368.54775807", Int64.max), ("-92233720368.54775808", Int64.min),
    ("0000000000000001.5", 150_000_000), ("-000000000092233720368", -9_223_372_036_800_000_000),
  ])
  func parsesDecimalsExactly(text: String, raw: Int64) throws {
    #expect(try Price(text).raw == raw)
    #expect(try Money(text).raw == raw)
  }

  @Test(arguments: [
    ("", FixedPointError.empty), ("null", .invalidCharacter(offset: 0)),
    ("1.2.3", .invalidCharacter(offset: 3)), ("-", .invalidCharacter(offset: 1)),
    (".", .invalidCharacter(offset: 1)), ("1e3", .invalidCharacter(offset: 1)),
    ("0.000000001", .tooManyDecimals), ("1.123456789", .tooManyDecimals),
    ("92233720368.54775808", .outOfRange), ("99999999999999999999", .outOfRange),
    ("123456789012.0", .outOfRange), ("1.000000001", .tooManyDecimals),
    (" 1", .invalidCharacter(offset: 0)), ("1 ", .invalidCharacter(offset: 1)),
  ])
  func rejectsMalformedDecimals(text: String, error: FixedPointError) {
    #expect(throws: error) { try Price(text) }
  }

  @Test(arguments: [
    (Int64(1_029_500_000_000), "10295.00"), (-1_234_560_000, "-12.3456"), (0, "0.00"),
    (-50_000_000, "-0.50"), (1, "0.00000001"), (4_070_000_000, "40.70"),
    (18_187_500_000, "181.875"), (Int64.min, "-92233720368.54775808"),
  ])
  func formatsWithAtLeastTwoDecimals(raw: Int64, text: String) {
    #expect(Money(raw: raw).description == text)
    #expect(Price(raw: raw).description == text)
  }

  /// The digit writer against plain `String` arithmetic at every integer digit count (each
  /// power of ten and the value below it) and random fractions, for two and one minimum decimals.
  @Test func formatsLikeStringArithmeticAtEveryDigitCount() {
    func reference(_ raw: Int64, _ minimum: Int) -> String {
      let fraction = String(raw.magnitude % 100_000_000)
      var decimals = String(repeating: "0", count: 8 - fraction.count) + fraction
      while decimals.count > minimum, decimals.hasSuffix("0") { decimals.removeLast() }
      let sign = raw < 0 ? "-" : ""
      return sign + String(raw.magnitude / 100_000_000) + (decimals.isEmpty ? "" : "." + decimals)
    }
    var rng = SplitMix64(seed: 11)
    var whole: UInt64 = 1
    for _ in 0..<11 {
      for integer in [whole - 1, whole, whole * 10 - 1] where integer <= 92_233_720_367 {
        let fraction = Int64(rng.next() % 100_000_000) / Int64(1 + rng.next() % 10_000)
        for raw in [Int64(integer) * 100_000_000 + fraction, -(Int64(integer) * 100_000_000 + fraction)] {
          #expect(Money(raw: raw).description == reference(raw, 2))
          #expect(Rate(raw: raw).description == reference(raw, 1))
        }
      }
      whole *= 10
    }
  }

  @Test func writesFourCommaAmountsAsFourAppends() {
    let values = [Money(raw: Int64.min), Money(raw: 1), Money(raw: 0), Money(raw: -1_029_512_345_678)]
    var joined = TextBuffer()
    joined.append(commaMoney: values[0], values[1], values[2], values[3])
    #expect(joined.text == ",-92233720368.54775808,0.00000001,0.00,-10295.12345678")
  }

  @Test func roundTripsRandomValues() throws {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<2_000 {
      let raw = Int64(bitPattern: rng.next())
      let text = Money(raw: raw).description
      #expect(try Money(text).raw == raw)
    }
  }

  @Test func doubleValueMatchesStrtod() throws {
    for text in ["181.875", "40.7", "0.1", "1.57608", "0.00002853", "46319.0", "123456.78901234"] {
      #expect(try Price(text).doubleValue == Double(text)!)
    }
  }

  @Test func multipliesPriceByQuantityExactly() throws {
    #expect(try Price("41.79").times(Quantity(-100)) == Money("-4179"))
    #expect(throws: FixedPointError.overflow) {
      try Price("90000000000").times(Quantity(2))
    }
  }

  @Test func checksMoneyArithmetic() throws {
    #expect(try Money("0.1").adding(Money("0.2")) == Money("0.3"))
    #expect(throws: FixedPointError.overflow) { try Money(raw: .max).adding(Money(raw: 1)) }
    #expect(throws: FixedPointError.overflow) { try Money(raw: .min).subtracting(Money(raw: 1)) }
  }

  @Test func appliesRatesRoundingHalfAwayFromZero() throws {
    let rate = try Rate("0.0005")
    #expect(rate.raw == 50_000)
    #expect(rate.description == "0.0005")
    #expect(try rate.applied(to: Money("10000")) == Money("5"))
    #expect(try rate.applied(to: Money("0.00001")) == Money(raw: 1))
    #expect(try rate.applied(to: Money("0.000009")) == Money(raw: 0))
    #expect(try rate.applied(to: Money("-0.00001")) == Money(raw: -1))
    #expect(try Rate("0.5").applied(to: Money(raw: 3)) == Money(raw: 2))
    #expect(throws: FixedPointError.overflow) { try Rate("100").applied(to: Money(raw: .max)) }
  }

  @Test func parsesBytesInPlace() throws {
    let field = Array("x,181.875,y".utf8)[2..<9]
    #expect(try Price(utf8: field) == Price("181.875"))
    #expect(try Rate(utf8: Array("0.0005".utf8)).raw == 50_000)
    #expect(throws: FixedPointError.invalidCharacter(offset: 0)) {
      try Money(utf8: Array("x".utf8))
    }
  }

  @Test func parsesQuantities() throws {
    #expect(try Quantity("-100").units == -100)
    #expect(throws: FixedPointError.self) { try Quantity("1.5") }
  }

  @Test func roundsDoubles() {
    #expect(Price(rounding: 100.1)?.raw == 10_010_000_000)
    #expect(Price(rounding: .nan) == nil)
    #expect(Money(rounding: 1e30) == nil)
  }
}
