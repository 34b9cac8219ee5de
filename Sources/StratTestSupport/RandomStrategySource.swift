/// The source text of a random, well-typed strategy, drawn from a seed: 1–3 instruments, bar or
/// book fields, parameters, lets, models, functions, states, rules with every action, risk
/// limits and sometimes a schedule. Every expression is built for a type the checker will give
/// it (Grammar/REFERENCE.md, `Checker+Expressions.swift`), so every program must compile: a
/// rejected one is a bug in this generator or in the compiler.
///
/// Values aim at edge cases: literals such as `0.0 / 0.0`, `1e300`, `4.9e-324`, `-0.0`,
/// division by data that may be 0, `log` and `sqrt` of differences that may be negative, Int
/// arithmetic that wraps, windows longer than the run.
public struct RandomStrategySource: Sendable {
  public let seed: UInt64
  public let text: String
  /// True when the strategy reads order-book fields (the event stream then sends books).
  public let readsBook: Bool

  /// `barsOnly` draws only what a bar-fed kernel computes: no order-book, position or order
  /// fields and no pair windows (the HLS backend's differential tests). `topOfBook` draws
  /// what a book kernel computes: the same, with level 1 of the book instead of bars and no
  /// risk block.
  public init(seed: UInt64, barsOnly: Bool = false, topOfBook: Bool = false) {
    var builder = StrategyBuilder(seed: seed)
    builder.barsOnly = barsOnly || topOfBook
    builder.topOfBook = topOfBook
    self.seed = seed
    text = builder.program()
    readsBook = builder.readsBook
  }
}

/// A type as the generator tracks it; numbers carry exponents of Price and Qty.
enum GenType: Hashable {
  case bool, int, duration, time
  case number(price: Int, qty: Int)

  static let float = GenType.number(price: 0, qty: 0)
  static let price = GenType.number(price: 1, qty: 0)
  static let qty = GenType.number(price: 0, qty: 1)
  static let money = GenType.number(price: 1, qty: 1)

  /// The name a declaration can spell, if the type has one.
  var sourceName: String? {
    switch self {
    case .bool: "Bool"
    case .int: "Int"
    case .duration: "Duration"
    case .time: "Time"
    case .float: "Float"
    case .price: "Price"
    case .qty: "Qty"
    case .money: "Money"
    default: nil
    }
  }

  var exponents: (Int, Int)? {
    if case .number(let p, let q) = self { return (p, q) }
    return nil
  }
}

/// An expression's text and whether the checker sees it as a bare literal (which takes its
/// context's unit instead of having one).
struct GenExpr {
  var text: String
  var isLiteral = false
}

// MARK: - The builder

/// Draws one program. Lets and models may read only earlier ones, and function bodies read no
/// lets, models or functions, so there are no cycles; declarations are then printed shuffled,
/// since every name is visible in the whole file.
struct StrategyBuilder {
  var rng: SplitMix64
  var instruments: [String] = []
  var readsBook = false
  /// Only bar fields and one-variable windows (see `RandomStrategySource.init`).
  var barsOnly = false
  /// With `barsOnly`: the top of book instead of bars.
  var topOfBook = false
  /// Parameters, states, lets and models by type.
  var params: [(String, GenType)] = []
  var states: [(String, GenType)] = []
  var values: [(String, GenType)] = []
  /// Int parameters with a range, usable as window lengths: name and value.
  var windowParams: [(String, Int)] = []
  var functions: [(name: String, params: [GenType], result: GenType)] = []
  /// The parameters of the function whose body is being drawn.
  var functionScope: [(String, GenType)]?
  var declarations: [String] = []

  init(seed: UInt64) { rng = SplitMix64(seed: seed ^ 0x5EED_57A7_0000_0001) }

  static let floatLiterals = [
    "0", "0.0", "1", "2.5", "0.5", "100", "3", "0.1", "1e-3", "1e-300", "1e300", "6.02E23",
    "4.9e-324", "1.7976931348623157e308", "(0.0 / 0.0)", "(1.0 / 0.0)", "(-0.0)", "(-2.5)",
    "(-1)", "(-1e300)", "2.0 * 3.0",
  ]
  static let intLiterals = [
    "0", "1", "2", "3", "7", "(-1)", "(-3)", "100", "1000000", "4611686018427387904",
    "(-4611686018427387904)", "9007199254740992", "9007199254740993", "9223372036854775807",
    "(-9223372036854775807)",
  ]
  static let durationLiterals = ["250ms", "30s", "5m", "1h", "1d", "0s", "90s", "(-5m)"]

  mutating func program() -> String {
    let count = rng.int(1...3)
    readsBook = topOfBook || (rng.chance(2) && !barsOnly)
    for i in 0..<count {
      instruments.append("i\(i)")
      declarations.append(rng.chance(2) ? "instrument i\(i) = \"SYM\(i)\"" : "instrument i\(i)")
    }
    declareParams()
    declareStates()
    declareFunctions()
    declareValues()
    declareRules()
    if rng.chance(2) && !topOfBook { declareRisk() }
    if rng.chance(3) { declareSchedule() }
    var shuffled = declarations
    for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
      shuffled.swapAt(i, rng.below(i + 1))
    }
    return "strategy random\n" + shuffled.joined(separator: "\n") + "\n"
  }

  // MARK: - Declarations

  mutating func declareParams() {
    for i in 0..<rng.int(1...2) {
      let value = rng.int(2...30)
      let name = "w\(i)"
      windowParams.append((name, value))
      params.append((name, .int))
      let step = rng.chance(2) ? " step \(rng.int(1...5))" : ""
      declarations.append(
        "param \(name): Int = \(value) in \(rng.int(1...2))..\(value + rng.int(0...50))\(step)"
      )
    }
    for i in 0..<rng.int(0...5) {
      let type = rng.pick([GenType.int, .float, .qty, .bool, .price, .money, .duration])
      let name = "p\(i)"
      params.append((name, type))
      declarations.append("param \(name): \(type.sourceName!) = \(paramDefault(type))")
    }
  }

  mutating func paramDefault(_ type: GenType) -> String {
    switch type {
    case .bool: return rng.pick(["true", "false"])
    case .int:
      let v = rng.pick([0, 1, -3, 5, 20, 1_000_000])
      return rng.chance(2) ? "\(v)" : "\(v) in \(v - rng.int(0...10))..\(v + rng.int(0...10))"
    case .duration: return rng.pick(["5m", "30s", "1h", "250ms", "0s"])
    default:
      if rng.chance(6) { return rng.pick(["0.0 / 0.0", "1e308 * 10", "-1e300", "4.9e-324"]) }
      let v = rng.pick([0.0, 0.5, 2.0, 100.0, -1.5, 0.01, 1e6])
      guard rng.chance(2) else { return "\(v)" }
      let step = rng.chance(2) ? " step 0.25" : ""
      return "\(v) in \(v - Double(rng.int(0...4)))..\(v + Double(rng.int(0...4)))\(step)"
    }
  }

  mutating func declareStates() {
    for i in 0..<rng.int(0...3) {
      let type = rng.pick([GenType.int, .float, .price, .qty, .money, .bool, .duration])
      let initial: String =
        switch type {
        case .bool: rng.pick(["true", "false"])
        case .int: rng.pick(Self.intLiterals)
        case .duration: rng.pick(Self.durationLiterals)
        default: rng.pick(Self.floatLiterals)
        }
      states.append(("s\(i)", type))
      declarations.append("state s\(i): \(type.sourceName!) = \(initial)")
    }
  }

  mutating func declareFunctions() {
    for i in 0..<rng.int(0...2) {
      let types = [GenType.float, .price, .qty, .int, .bool]
      let parameterTypes = (0..<rng.int(1...3)).map { _ in rng.pick(types) }
      let result = rng.pick([GenType.float, .price, .qty, .money, .bool, .int])
      let scope = parameterTypes.enumerated().map { ("a\(i)_\($0.offset)", $0.element) }
      functionScope = scope
      let body = expr(result, depth: rng.int(1...3), literal: false).text
      functionScope = nil
      let list = scope.map { "\($0.0): \($0.1.sourceName!)" }.joined(separator: ", ")
      let arrow = rng.chance(4) ? "" : " -> \(result.sourceName!)"
      functions.append((name: "f\(i)", params: parameterTypes, result: result))
      declarations.append("fn f\(i)(\(list))\(arrow) = \(body)")
    }
  }

  mutating func declareValues() {
    for i in 0..<rng.int(2...8) {
      if rng.chance(6) {
        declareModel("m\(i)")
        continue
      }
      let type = rng.pick([
        GenType.float, .float, .price, .price, .qty, .money, .bool, .bool, .int,
        .number(price: 2, qty: 0), .number(price: -1, qty: 0), .duration, .time,
      ])
      let annotate = type.sourceName != nil && !rng.chance(3)
      let value = expr(type, depth: rng.int(1...4), literal: annotate)
      let annotation = annotate ? ": \(type.sourceName!)" : ""
      declarations.append("let v\(i)\(annotation) = \(value.text)")
      values.append(("v\(i)", type))
    }
  }

  mutating func declareModel(_ name: String) {
    let count = rng.int(1...3)
    let features = (0..<count).map { _ in expr(.float, depth: 2, literal: true).text }
    let weights = (0..<count).map { _ in rng.pick(["1", "-20", "0.5", "-0.8", "1e3", "0"]) }
    let bias = rng.chance(2) ? " bias \(rng.pick(["0.1", "-1", "0"]))" : ""
    let kind = rng.chance(2) ? "linear" : "logistic"
    declarations.append(
      "model \(name) = \(kind)(\(features.joined(separator: ", "))) weights [\(weights.joined(separator: ", "))]\(bias)"
    )
    values.append((name, .float))
  }

  mutating func declareRules() {
    for _ in 0..<rng.int(2...6) {
      let condition: String =
        switch rng.below(6) {
        case 0: "true"
        case 1: "\(field(.price)) > \(field(.price))"
        default: expr(.bool, depth: rng.int(1...3), literal: false).text
        }
      // Any order of actions: `cancel x buy x 5` and `flat cancel x` once tripped the parser.
      let actions = (0..<rng.int(1...4)).map { _ in action() }
      declarations.append("when \(condition) { \(actions.joined(separator: "  ")) }")
    }
  }

  mutating func action() -> String {
    let x = rng.pick(instruments)
    switch rng.below(10) {
    case 0, 1: return "target \(x) = \(quantity())"
    case 2: return rng.chance(2) ? "flat \(x)" : "flat"
    case 3: return "\(rng.pick(["buy", "sell"])) \(x) \(quantity())"
    case 4, 5, 6:
      let style = rng.pick(["", " ioc", " replace"])
      let price = expr(.price, depth: rng.int(0...2), literal: true).text
      return "\(rng.pick(["buy", "sell"])) \(x) \(quantity()) limit \(price)\(style)"
    case 7: return "cancel \(x)" + rng.pick(["", " buy", " sell"])
    default:
      guard !states.isEmpty else { return "flat \(x)" }
      let (name, type) = rng.pick(states)
      return "\(name) = \(expr(type, depth: rng.int(0...3), literal: true).text)"
    }
  }

  mutating func quantity() -> String {
    rng.chance(4)
      ? expr(.int, depth: 1, literal: true).text
      : expr(.qty, depth: rng.int(0...2), literal: true).text
  }

  mutating func declareRisk() {
    var items: [String] = []
    if rng.chance(2) {
      items.append("max_position \(rng.pick(instruments)) = \(rng.pick(["500", "0", "1e9"]))")
    }
    if rng.chance(2) { items.append("max_position = \(rng.pick(["1000", "100.5"]))") }
    if rng.chance(2) { items.append("max_order = \(rng.pick(["200", "0"]))") }
    if rng.chance(2) { items.append("max_notional = \(rng.pick(["1e6", "5000"]))") }
    // A bar-fed kernel cannot check the daily loss (it needs the OMS's equity).
    if rng.chance(2) && !barsOnly { items.append("max_daily_loss = \(rng.pick(["5000", "0"]))") }
    if rng.chance(2) { items.append("price_band = \(rng.pick(["0.05", "1"]))") }
    // `max_orders = 0` is an error (`risk.zero-orders`).
    if rng.chance(2) {
      items.append("max_orders = \(rng.pick(["10", "1"])) per \(rng.pick(["1m", "1s", "1d"]))")
    }
    declarations.append("risk { \(items.joined(separator: "  ")) }")
    // The kernel's risk stage prices orders at each instrument's last close: read it.
    if barsOnly { declarations += instruments.map { "when \($0).close < 0 { flat \($0) }" } }
  }

  mutating func declareSchedule() {
    let open = rng.int(0...(24 * 60 - 1))
    var close = rng.int(1...(24 * 60))
    if close == open { close = (open + 90) % (24 * 60) + 1 }
    func clock(_ minutes: Int) -> String {
      let (h, m) = (minutes / 60, minutes % 60)
      return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }
    var items = ["hours \(clock(open)) to \(clock(close))"]
    if rng.chance(2) {
      items.append("timezone \"\(rng.pick(["UTC", "Z", "+05:30", "-05:00", "+14:00"]))\"")
    }
    if rng.chance(2) { items.append("flatten_before \(rng.pick(["5m", "0s", "1h", "30s"]))") }
    declarations.append("schedule { \(items.joined(separator: "  ")) }")
  }
}
