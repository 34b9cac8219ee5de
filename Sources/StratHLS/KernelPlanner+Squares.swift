import StratFixed
import StratIR

// Comparisons without a square root or a division (issue 13, point 2): `z > k` with
// z = d ÷ √v and a constant k is decided on squares, d² against k²·v, and the sign of d. Both
// products are exact 128-bit integers at one binary point, so the comparison is exact; only k²
// is a rounded constant. The division and the square root, when nothing else reads them, are
// not emitted at all: no divider, no square-root unit.

/// One comparison decided on squares: the plan's record of it.
public struct SquaredComparison: Sendable, Equatable {
  /// The numerator d and the variance v of z = d ÷ √v.
  public var numerator: ValueID
  public var variance: ValueID
  /// k² in `squareFormat`, whose fraction is 2·frac(d) − frac(v) − `shift`: d² and
  /// (k²·v) << shift then share a binary point.
  public var squareRaw: Int128
  public var squareFormat: FixedFormat
  public var shift: Int
  public var test: Test

  public init(numerator: ValueID, variance: ValueID, squareRaw: Int128, squareFormat: FixedFormat, shift: Int = 0, test: Test) {
    self.numerator = numerator
    self.variance = variance
    self.squareRaw = squareRaw
    self.squareFormat = squareFormat
    self.shift = shift
    self.test = test
  }

  /// What is true, by the sign of d and the order of D = d² against V = k²·v.
  public enum Test: Sendable, Equatable {
    /// d's sign test (d > 0, or d < 0 when not `positive`; ≥ and ≤ when not `strict`) and,
    /// or or, D against V.
    case signAnd(positive: Bool, strict: Bool, order: Order)
    case signOr(positive: Bool, strict: Bool, order: Order)
    /// |z| against k: the order of D against V alone.
    case order(Order)
    case constant(Bool)
  }

  public enum Order: Sendable, Equatable { case greater, greaterOrEqual, less, lessOrEqual }
}

extension KernelPlanner {
  /// The comparisons of the step that can be decided on squares, by instruction.
  func squaredComparisons(_ types: [KernelType?]) -> [Int: SquaredComparison] {
    var out: [Int: SquaredComparison] = [:]
    for (index, ins) in module.step.enumerated() where [.fgt, .fge, .flt, .fle].contains(ins.op) {
      guard let k = foldedConstant(ins.args[1]) else { continue }
      var z = ins.args[0], absolute = false
      if module.step[z].op == .abs { (z, absolute) = (module.step[z].args[0], true) }
      let quotient = module.step[z]
      guard quotient.op == .fdiv, constantDivisor(quotient) == nil, module.step[quotient.args[1]].op == .sqrt else { continue }
      let d = quotient.args[0], v = module.step[quotient.args[1]].args[0]
      guard let fd = types[d]?.format, let fv = types[v]?.format, let rv = ranges[v], rv.lo >= 0,
        let (raw, format, shift) = squareConstant(k * k, fd, fv)
      else { continue }
      out[index] = SquaredComparison(
        numerator: d, variance: v, squareRaw: raw, squareFormat: format, shift: shift, test: SquaredComparison.test(ins.op, k: k, absolute: absolute))
    }
    return out
  }

  /// k² in the format that puts k²·v at d²'s binary point, and the left shift that finishes
  /// the alignment when that format would need more than 63 bits (at most 2: k²·v < 2^126);
  /// nil when it cannot keep at least 24 fraction bits.
  func squareConstant(_ k2: Double, _ fd: FixedFormat, _ fv: FixedFormat) -> (Int128, FixedFormat, Int)? {
    let aligned = 2 * fd.fractionBits - fv.fractionBits
    let integerBits = Int(max(k2, 1).exponent) + 2
    let shift = max(0, integerBits + aligned - 63)
    let fraction = aligned - shift
    guard k2.isFinite, shift <= 2, fraction >= 24, integerBits + fraction <= 63 else { return nil }
    let format = FixedFormat(width: integerBits + fraction, integerBits: integerBits, quantization: .AP_RND_CONV)
    return (KernelTables.raw(of: k2, in: format), format, shift)
  }

  /// The value of a constant, a parameter, or the negation of one.
  func foldedConstant(_ v: ValueID) -> Double? {
    let ins = module.step[v]
    if ins.op == .fneg { return foldedConstant(ins.args[0]).map { -$0 } }
    return constantValue(ins)
  }

  /// Pure instructions nothing live reads once the squared comparisons read d and v instead.
  static func unused(_ module: IRModule, _ squared: [Int: SquaredComparison]) -> Set<Int> {
    var live = Set<Int>()
    for index in module.step.indices.reversed() {
      let ins = module.step[index]
      guard ins.op.isEffect || live.contains(index) else { continue }
      live.insert(index)
      if let sq = squared[index] { live.formUnion([sq.numerator, sq.variance]) } else { live.formUnion(ins.args) }
      if let p = ins.predicate { live.insert(p) }
    }
    return Set(module.step.indices.filter { !live.contains($0) && module.step[$0].op.isPure })
  }
}

extension SquaredComparison {
  /// z ⋚ k on squares: z > k ⇔ (k ≥ 0: d > 0 ∧ D > V; k < 0: d ≥ 0 ∨ D < V), and the rest by
  /// symmetry (z < k is −z > −k); |z| ⋚ k compares D and V alone.
  public static func test(_ op: Opcode, k: Double, absolute: Bool) -> Test {
    let strict = op == .fgt || op == .flt
    if absolute {
      switch op {
      case .flt: return k > 0 ? .order(.less) : .constant(false)
      case .fle: return k >= 0 ? .order(.lessOrEqual) : .constant(false)
      case .fgt: return k >= 0 ? .order(.greater) : .constant(true)
      default: return k > 0 ? .order(.greaterOrEqual) : .constant(true)
      }
    }
    let upward = op == .fgt || op == .fge
    let k = upward ? k : -k  // z < k ⇔ −z > −k: d's sign flips
    let far = strict ? k >= 0 : k > 0
    let order: Order = far ? (strict ? .greater : .greaterOrEqual) : (strict ? .less : .lessOrEqual)
    return far ? .signAnd(positive: upward, strict: true, order: order) : .signOr(positive: upward, strict: false, order: order)
  }

  /// The test on raw bits: d's, and D and V as exact integers.
  public func holds(d: Int128, dd: Int128, vk: Int128) -> Bool {
    func ordered(_ o: Order) -> Bool {
      switch o {
      case .greater: dd > vk
      case .greaterOrEqual: dd >= vk
      case .less: dd < vk
      case .lessOrEqual: dd <= vk
      }
    }
    func sign(_ positive: Bool, _ strict: Bool) -> Bool {
      positive ? (strict ? d > 0 : d >= 0) : (strict ? d < 0 : d <= 0)
    }
    switch test {
    case .signAnd(let p, let s, let o): return sign(p, s) && ordered(o)
    case .signOr(let p, let s, let o): return sign(p, s) || ordered(o)
    case .order(let o): return ordered(o)
    case .constant(let b): return b
    }
  }

  /// The same test in C++, on `d`, `dd` and `vk`.
  public func cpp(d: String, dd: String, vk: String) -> String {
    func ordered(_ o: Order) -> String {
      switch o {
      case .greater: "\(dd) > \(vk)"
      case .greaterOrEqual: "\(dd) >= \(vk)"
      case .less: "\(dd) < \(vk)"
      case .lessOrEqual: "\(dd) <= \(vk)"
      }
    }
    func sign(_ positive: Bool, _ strict: Bool) -> String { "\(d) \(positive ? ">" : "<")\(strict ? "" : "=") 0" }
    switch test {
    case .signAnd(let p, let s, let o): return "(\(sign(p, s))) && (\(ordered(o)))"
    case .signOr(let p, let s, let o): return "(\(sign(p, s))) || (\(ordered(o)))"
    case .order(let o): return ordered(o)
    case .constant(let b): return b ? "true" : "false"
    }
  }
}
