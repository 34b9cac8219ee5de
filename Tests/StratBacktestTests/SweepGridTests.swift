import StratABI
import Testing

import StratRuntime
@testable import StratBacktest

/// The pure half of `stratc sweep`: exact decimal ranges, lists, the lazy grid, and checks
/// against the declared parameters.
@Suite struct SweepGridTests {
  static func values(_ spec: String) throws -> [String] {
    let axis = try SweepAxis.parse(spec)
    return (0..<axis.count).map { axis.value(at: $0).description }
  }

  @Test func decimalRangesStepExactlyWithoutFloatDrift() throws {
    // In binary floating point 0.1 + 0.1 + 0.1 is 0.30000000000000004 and would miss HI.
    #expect(try Self.values("x=0.1:0.3:0.1") == ["0.1", "0.2", "0.3"])
    #expect(try Self.values("x=0.5:2:0.25") == ["0.5", "0.75", "1", "1.25", "1.5", "1.75", "2"])
    #expect(try Self.values("x=-1:1:0.5") == ["-1", "-0.5", "0", "0.5", "1"])
    #expect(try Self.values("x=5:250:5").count == 50)
    #expect(try Self.values("x=0.000001:0.000003:0.000001") == ["0.000001", "0.000002", "0.000003"])
    #expect(try Self.values("x=7:7:1") == ["7"])
  }

  @Test func listsKeepTheirOrderAndAcceptBooleans() throws {
    #expect(try Self.values("x=3,1,2.50") == ["3", "1", "2.5"])
    #expect(try Self.values("flag=true,false") == ["true", "false"])
  }

  @Test(arguments: [
    ("x=1e3:2e3:1", "sweep.malformed-param"), ("x=1:2", "sweep.malformed-param"),
    ("x=a:b:c", "sweep.malformed-param"), ("=1,2", "sweep.malformed-param"),
    ("x", "sweep.malformed-param"), ("x=1,,2", "sweep.malformed-param"),
    ("x=1,2,1", "sweep.malformed-param"), ("x=1:10:4", "sweep.malformed-param"),
    ("x=2:1:1", "sweep.empty-range"), ("x=1:2:0", "sweep.empty-range"),
    ("x=1:2:-1", "sweep.empty-range"), ("x=0.1234567890123456789:1:1", "sweep.malformed-param"),
  ])
  func rejectsBadSpecifications(spec: String, id: String) {
    #expect(throws: SweepError.self) { try SweepAxis.parse(spec) }
    do {
      _ = try SweepAxis.parse(spec)
    } catch {
      #expect(error.id == id, "\(spec): \(error.message)")
    }
  }

  @Test func notReachingHIExplainsTheLastValue() {
    do {
      _ = try SweepAxis.parse("x=1:10:4")
      Issue.record("accepted 1:10:4")
    } catch {
      #expect(error.message.contains("the last value would be 9"))
    }
  }

  @Test func gridEnumeratesLastAxisFastestAndMatchesPointAt() throws {
    let grid = try SweepGrid(axes: [SweepAxis.parse("a=1:2:1"), SweepAxis.parse("b=0.1,0.2,0.3")])
    #expect(grid.count == 6)
    let points = grid.map { $0.values.map(\.description).joined(separator: " ") }
    #expect(points == ["1 0.1", "1 0.2", "1 0.3", "2 0.1", "2 0.2", "2 0.3"])
    for (index, values) in grid { #expect(values == grid.point(at: index)) }
  }

  @Test func hugeAxesAreNeverMaterialised() throws {
    // 10⁹ values: building the axis is O(1), and value k is computed from k.
    let axis = try SweepAxis.parse("x=0:999999999:1")
    #expect(axis.count == 1_000_000_000)
    #expect(axis.value(at: 999_999_999).description == "999999999")
    #expect(throws: SweepError.self) { try SweepGrid(axes: [axis]) }
    let grid = try SweepGrid(axes: [axis], limit: Int.max)
    #expect(grid.point(at: 123_456_789).description == "[123456789]")
  }

  @Test func gridsOverTheLimitAreRejected() throws {
    let a = try SweepAxis.parse("a=1:10000:1")
    let b = try SweepAxis.parse("b=1:1001:1")
    do {
      _ = try SweepGrid(axes: [a, b])
      Issue.record("accepted 10,010,000 runs")
    } catch {
      #expect(error.id == "sweep.grid-too-large")
      #expect(error.message.contains("10000 × 1001"))
    }
    #expect(try SweepGrid(axes: [a, try SweepAxis.parse("b=1:1000:1")]).count == 10_000_000)
  }

  @Test func repeatedParameterIsRejected() throws {
    #expect(throws: SweepError.self) {
      try SweepGrid(axes: [SweepAxis.parse("a=1,2"), SweepAxis.parse("a=3")])
    }
  }

  static let declared = [
    SweepParameter(
      name: "lookback", kind: .int, low: SweepDecimal("5"), high: SweepDecimal("250"),
      step: SweepDecimal("5")),
    SweepParameter(
      name: "entry", kind: .float, low: SweepDecimal("0.5"), high: SweepDecimal("4.0"),
      step: SweepDecimal("0.25")),
    SweepParameter(name: "enabled", kind: .bool),
  ]

  static func validationError(_ specs: [String]) throws -> SweepError? {
    let grid = try SweepGrid(axes: specs.map { try SweepAxis.parse($0) })
    do {
      try SweepParameter.validate(grid, against: declared)
      return nil
    } catch {
      return error
    }
  }

  @Test func acceptsValuesInsideTheDeclaredRangeAndStep() throws {
    #expect(try Self.validationError(["lookback=10:250:20", "entry=0.5:3.5:0.75", "enabled=true,false"]) == nil)
  }

  @Test func unknownParameterCarriesTheDeclaredNames() throws {
    let error = try #require(try Self.validationError(["lookbak=10"]))
    #expect(error.id == "sweep.unknown-param")
    #expect(error.unknownName?.given == "lookbak")
    #expect(error.unknownName?.known == ["lookback", "entry", "enabled"])
  }

  @Test(arguments: [
    ("lookback=0:10:5", "expected lookback ≥ 5; found 0"),
    ("lookback=245:255:5", "expected lookback ≤ 250; found 255"),
    ("lookback=7", "on the declared step 5 from 5; found 7"),
    ("lookback=10.5", "is an Int; found 10.5"),
    ("entry=0.5:1:0.1", "on the declared step 0.25 from 0.5; found 0.6"),
    ("enabled=1", "is a Bool; found the number 1"),
    ("entry=true", "is a number; found true"),
  ])
  func rejectsValuesTheDeclarationDoesNotAllow(spec: String, expected: String) throws {
    let error = try #require(try Self.validationError([spec]))
    #expect(error.id == "sweep.param-value")
    #expect(error.message.contains(expected), "\(error.message)")
  }

  @Test func decimalsCompareByValueNotByText() throws {
    #expect(SweepDecimal("1.50") == SweepDecimal("1.5"))
    #expect(try #require(SweepDecimal("0.25")) < #require(SweepDecimal("0.3")))
    #expect(SweepDecimal("-0.5")?.description == "-0.5")
    #expect(SweepDecimal("+2.000")?.description == "2")
    #expect(SweepDecimal("99999999999999999999") == nil)
  }
}
