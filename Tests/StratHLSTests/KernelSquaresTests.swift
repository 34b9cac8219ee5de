import Foundation
import StratFixed
import StratHLS
import StratIR
import Testing

/// `z ⋚ k` with z = d ÷ √v is decided on squares (d² against k²·v, and d's sign): the rule is
/// checked against the comparison itself on every case where z is exact, and the reference
/// pairs kernel then carries no divider and no square root.
@Suite struct KernelSquaresTests {
  static let ops: [Opcode] = [.fgt, .fge, .flt, .fle]

  static func compare(_ op: Opcode, _ a: Double, _ b: Double) -> Bool {
    switch op {
    case .fgt: a > b
    case .fge: a >= b
    case .flt: a < b
    default: a <= b
    }
  }

  /// d in −6…6, v a perfect square 1…25, k in −3…3 (so z and k² v are exact), every operator,
  /// with and without |z|: the squared rule decides as the comparison does.
  @Test func theRuleOnSquaresDecidesAsTheComparison() {
    var cases = 0
    for op in Self.ops {
      for absolute in [false, true] {
        for k in -3...3 {
          let sq = SquaredComparison(
            numerator: 0, variance: 0, squareRaw: Int128(k * k), squareFormat: .init(width: 8, integerBits: 8),
            test: SquaredComparison.test(op, k: Double(k), absolute: absolute))
          for d in -6...6 {
            for root in 1...5 {
              let z = Double(d) / Double(root)
              let expected = Self.compare(op, absolute ? abs(z) : z, Double(k))
              let got = sq.holds(d: Int128(d), dd: Int128(d * d), vk: Int128(k * k * root * root))
              #expect(got == expected, "\(op) |z|=\(absolute) d=\(d) v=\(root * root) k=\(k)")
              cases += 1
            }
          }
        }
      }
    }
    #expect(cases == 4 * 2 * 7 * 13 * 5)
  }

  @Test func thePairsKernelHasNoDividerAndNoSquareRoot() throws {
    let path = KernelHarness.repository.appendingPathComponent("Strategies/pairs.strat").path
    let plan = try KernelHarness.plan(try KernelHarness.module(try String(contentsOfFile: path, encoding: .utf8), path: path), path: path)
    #expect(plan.squared.count == 3, "z > entry, z < −entry and |z| < exit")
    let kernel = KernelEmitter(plan: plan).kernel()
    #expect(!kernel.contains("strat_div(") && !kernel.contains("strat_sqrt("))
    #expect(KernelReport(plan: plan).text.contains("dividers: 0, square roots: 0"))
  }
}
