/// Expressions of a wanted type. The rules followed are the checker's: a bare literal takes its
/// context's unit (so `literal: true` lets a production return one, and products never get one,
/// since a literal factor scales instead of multiplying units); an Int is accepted where a plain
/// Float is (it widens), so a Float may be drawn as an Int expression; `abs`, `min`, windows and
/// lags of an Int are Floats; every composite is parenthesised, so precedence never matters.
extension StrategyBuilder {
  mutating func expr(_ type: GenType, depth: Int, literal: Bool) -> GenExpr {
    switch type {
    case .bool: return GenExpr(text: boolean(depth))
    case .int: return integer(depth, literal: literal)
    case .duration: return GenExpr(text: duration(depth))
    case .time: return GenExpr(text: timeValue(depth))
    case .number(let p, let q): return number(p, q, depth, literal: literal)
    }
  }

  // MARK: - Leaves

  /// Names in scope of `type`: function parameters inside a body; otherwise params, states,
  /// lets and models.
  func names(of type: GenType) -> [String] {
    var found = params.filter { $0.1 == type }.map(\.0) + states.filter { $0.1 == type }.map(\.0)
    if let scope = functionScope {
      found += scope.filter { $0.1 == type }.map(\.0)
    } else {
      found += values.filter { $0.1 == type }.map(\.0)
    }
    return found
  }

  /// An instrument field (or depth function) of the type, if any.
  mutating func field(_ type: GenType) -> String {
    let x = rng.pick(instruments)
    let level = rng.int(1...10)
    var fields: [String]
    switch type {
    case .price:
      fields = ["\(x).open", "\(x).high", "\(x).low", "\(x).close", "\(x).close", "\(x).avg_price"]
      if readsBook {
        fields += [
          "\(x).bid", "\(x).ask", "\(x).mid", "\(x).spread", "\(x).microprice", "\(x).last",
          "bid_price(\(x), \(level))", "ask_price(\(x), \(level))",
        ]
      }
    case .qty:
      fields = ["\(x).volume", "\(x).position", "\(x).open_buy", "\(x).open_sell"]
      if readsBook {
        fields += [
          "\(x).bid_size", "\(x).ask_size", "\(x).last_size", "bid_size(\(x), \(level))",
          "ask_size(\(x), \(level))",
        ]
      }
    case .float:
      fields = ["\(x).open_orders", "\(x).fills", "(\(x).close / \(x).open)"]
      if readsBook { fields.append("\(x).imbalance") }
    default:
      return built(type)
    }
    if topOfBook {
      let top = [
        GenType.price: [".bid", ".ask", ".mid", ".spread", ".microprice"], .qty: [".bid_size", ".ask_size"],
        .float: [".imbalance"],
      ]
      return x + rng.pick(top[type]!)
    }
    if barsOnly {
      let oms = [".avg_price", ".position", ".open_buy", ".open_sell", ".open_orders", ".fills"]
      fields = fields.filter { f in !oms.contains { f.hasSuffix($0) } }
    }
    return rng.pick(fields)
  }

  /// A non-literal leaf of a number type: a name or a field; a product of fields for units
  /// without one.
  mutating func numberLeaf(_ type: GenType) -> String {
    let named = names(of: type)
    if !named.isEmpty, rng.chance(2) { return rng.pick(named) }
    return field(type)
  }

  /// A value of any number type as a product and quotient of Price and Qty fields.
  mutating func built(_ type: GenType) -> String {
    guard let (p, q) = type.exponents else { return "1" }
    var text = "(\(field(.price)) / \(field(.price)))"
    for (base, count) in [(GenType.price, p), (.qty, q)] where count != 0 {
      for _ in 0..<abs(count) { text = "(\(text) \(count > 0 ? "*" : "/") \(field(base)))" }
    }
    return text
  }

  // MARK: - Numbers

  mutating func number(_ p: Int, _ q: Int, _ depth: Int, literal: Bool) -> GenExpr {
    let type = GenType.number(price: p, qty: q)
    if literal, rng.chance(5) {
      return GenExpr(text: rng.pick(Self.floatLiterals), isLiteral: true)
    }
    if depth <= 0 { return GenExpr(text: numberLeaf(type)) }
    let d = depth - 1
    func sub(_ t: GenType, literal: Bool = false) -> String {
      expr(t, depth: d, literal: literal).text
    }
    switch rng.below(type == .float ? 18 : 14) {
    case 0, 1: return GenExpr(text: numberLeaf(type))
    case 2: return GenExpr(text: "(-\(sub(type)))")
    case 3:
      let l = expr(type, depth: d, literal: true)
      let r = expr(type, depth: d, literal: !l.isLiteral)
      return GenExpr(text: "(\(l.text) \(rng.pick(["+", "-"])) \(r.text))")
    case 4:
      let k = rng.pick(Self.floatLiterals + Self.intLiterals)
      switch rng.below(3) {
      case 0: return GenExpr(text: "(\(k) * \(sub(type)))")
      case 1: return GenExpr(text: "(\(sub(type)) * \(k))")
      default: return GenExpr(text: "(\(sub(type)) / \(k))")
      }
    case 5:
      let (l, r) = split(p, q)
      return GenExpr(text: "(\(sub(l)) * \(sub(r)))")
    case 6:
      let denominator = rng.pick([GenType.float, .price, .qty])
      let (dp, dq) = denominator.exponents!
      let numerator = GenType.number(price: p + dp, qty: q + dq)
      return GenExpr(
        text: "(\(sub(numerator, literal: numerator == .float)) / \(sub(denominator)))"
      )
    case 7:
      let a = expr(type, depth: d, literal: true)
      let b = expr(type, depth: d, literal: !a.isLiteral)
      return GenExpr(text: "(if \(boolean(d)) then \(a.text) else \(b.text))")
    case 8: return GenExpr(text: "\(rng.pick(["abs", "round"]))(\(sub(type)))")
    case 9:
      if rng.chance(3) {
        return GenExpr(
          text: "clamp(\(sub(type)), \(sub(type, literal: true)), \(sub(type, literal: true)))"
        )
      }
      let a = expr(type, depth: d, literal: true)
      let b = expr(type, depth: d, literal: !a.isLiteral)
      return GenExpr(text: "\(rng.pick(["min", "max"]))(\(a.text), \(b.text))")
    case 10:
      let name = rng.pick(["sma", "ema", "sum", "lowest", "highest", "stdev", "stdev_pop"])
      let minimum = name == "stdev" ? 2 : 1
      return GenExpr(text: "\(name)(\(sub(type)), \(window(minimum)))")
    case 11:
      if p % 2 == 0, q % 2 == 0, rng.chance(2) {
        let name = rng.pick(["var", "var_pop"])
        return GenExpr(
          text:
            "\(name)(\(sub(.number(price: p / 2, qty: q / 2))), \(window(name == "var" ? 2 : 1)))"
        )
      }
      guard abs(p) <= 1, abs(q) <= 1 else { return GenExpr(text: numberLeaf(type)) }
      return GenExpr(text: "sqrt(\(sub(.number(price: 2 * p, qty: 2 * q))))")
    case 12 where barsOnly:
      return GenExpr(text: "(\(sub(type)))[\(lagSteps())]")
    case 12:
      let x = rng.pick([GenType.float, .price, .qty])
      let (xp, xq) = x.exponents!
      switch rng.below(3) {
      case 0:
        return GenExpr(
          text: "slope(\(sub(.number(price: p + xp, qty: q + xq))), \(sub(x)), \(window(2)))"
        )
      case 1: return GenExpr(text: "intercept(\(sub(type)), \(sub(x)), \(window(2)))")
      default:
        return GenExpr(
          text: "cov(\(sub(x)), \(sub(.number(price: p - xp, qty: q - xq))), \(window(2)))"
        )
      }
    case 13:
      if functionScope == nil, let call = call(returning: type, depth: d) {
        return GenExpr(text: call)
      }
      return GenExpr(text: "(\(sub(type)))[\(lagSteps())]")
    default:
      return GenExpr(text: plainFloat(d))
    }
  }

  /// Two types whose product is Price^p·Qty^q, each with small exponents.
  mutating func split(_ p: Int, _ q: Int) -> (GenType, GenType) {
    let first = rng.pick([GenType.float, .price, .qty, .money])
    let (fp, fq) = first.exponents!
    guard abs(p - fp) <= 2, abs(q - fq) <= 2 else { return (.float, .number(price: p, qty: q)) }
    return (first, .number(price: p - fp, qty: q - fq))
  }

  /// The productions whose result is always a plain Float.
  mutating func plainFloat(_ d: Int) -> String {
    let any = rng.pick([GenType.float, .price, .qty, .money, .int])
    func sub(_ t: GenType, literal: Bool = false) -> String {
      expr(t, depth: d, literal: literal).text
    }
    switch rng.below(9) {
    case 0: return "log(\(sub(any, literal: true)))"
    case 1: return "exp(\(sub(.float, literal: true)))"
    case 2: return "sign(\(sub(any, literal: true)))"
    case 3:
      let name = rng.pick(["zscore", "zscore_pop"])
      return "\(name)(\(sub(any)), \(window(name == "zscore" ? 2 : 1)))"
    case 4 where barsOnly:
      return "zscore(\(sub(any)), \(window(2)))"
    case 4:
      let other = rng.pick([GenType.float, .price, .qty, .int])
      return "corr(\(sub(any)), \(sub(other)), \(window(2)))"
    case 5:
      let name = rng.pick(["ret", "logret"])
      return rng.chance(2) ? "\(name)(\(sub(any)))" : "\(name)(\(sub(any)), \(window(1)))"
    case 6:
      let models = functionScope == nil ? values.filter { $0.0.hasPrefix("m") }.map(\.0) : []
      return models.isEmpty ? "(\(sub(any)) / \(sub(any)))" : rng.pick(models)
    default: return integer(d, literal: false).text
    }
  }

  /// A window length of at least `minimum`: a literal, a window parameter or arithmetic on them.
  mutating func window(_ minimum: Int) -> String {
    let usable = windowParams.filter { $0.1 >= minimum }
    if !usable.isEmpty, rng.chance(3) {
      let (name, _) = rng.pick(usable)
      return rng.chance(3) ? "(\(name) + \(rng.int(0...3)))" : name
    }
    return rng.chance(15) ? "\(rng.pick([400, 1000]))" : "\(rng.int(minimum...max(minimum, 25)))"
  }

  mutating func lagSteps() -> String {
    if rng.chance(4), let (name, _) = windowParams.first { return name }
    return "\(rng.int(0...8))"
  }

  /// A call of a declared function returning `type`, with arguments of its parameter types.
  mutating func call(returning type: GenType, depth: Int) -> String? {
    let fitting = functions.filter { $0.result == type }
    guard !fitting.isEmpty else { return nil }
    let f = rng.pick(fitting)
    let args = f.params.map { expr($0, depth: depth, literal: true).text }
    return "\(f.name)(\(args.joined(separator: ", ")))"
  }

  // MARK: - Int, Bool, Duration, Time

  mutating func integer(_ depth: Int, literal: Bool) -> GenExpr {
    if literal, rng.chance(4) { return GenExpr(text: rng.pick(Self.intLiterals), isLiteral: true) }
    let named = names(of: .int)
    if depth <= 0 || rng.chance(3) {
      if !named.isEmpty { return GenExpr(text: rng.pick(named)) }
      return GenExpr(text: "(\(rng.pick(windowParams).0) * 1)")
    }
    let d = depth - 1
    switch rng.below(5) {
    case 0: return GenExpr(text: "(-\(integer(d, literal: false).text))")
    case 1:
      let a = integer(d, literal: true)
      let b = integer(d, literal: !a.isLiteral)
      return GenExpr(text: "(if \(boolean(d)) then \(a.text) else \(b.text))")
    case 2:
      if functionScope == nil, let call = call(returning: .int, depth: d) {
        return GenExpr(text: call)
      }
      fallthrough
    default:
      let a = integer(d, literal: true)
      let b = integer(d, literal: !a.isLiteral)
      return GenExpr(text: "(\(a.text) \(rng.pick(["+", "-", "*"])) \(b.text))")
    }
  }

  mutating func boolean(_ depth: Int) -> String {
    let named = names(of: .bool)
    if depth <= 0 {
      if !named.isEmpty, rng.chance(2) { return rng.pick(named) }
      if readsBook, !topOfBook, rng.chance(4) { return "\(rng.pick(instruments)).traded" }
      if rng.chance(6) { return rng.pick(["true", "false"]) }
      return "(\(field(.price)) \(rng.pick(["<", "<=", ">", ">=", "==", "!="])) \(field(.price)))"
    }
    let d = depth - 1
    switch rng.below(12) {
    case 0: return boolean(0)
    case 1: return "(not \(boolean(d)))"
    case 2, 3: return "(\(boolean(d)) \(rng.pick(["and", "or"])) \(boolean(d)))"
    case 4: return "(\(boolean(d)) \(rng.pick(["==", "!="])) \(boolean(d)))"
    case 5:
      let type = rng.pick([GenType.float, .price, .qty])
      let a = expr(type, depth: d, literal: true)
      let b = expr(type, depth: d, literal: !a.isLiteral)
      return "\(rng.pick(["crosses_above", "crosses_below"]))(\(a.text), \(b.text))"
    case 6: return "(if \(boolean(d)) then \(boolean(d)) else \(boolean(d)))"
    case 7:
      let op = rng.pick(["<", "<=", ">", ">=", "==", "!="])
      return rng.chance(2)
        ? "(\(duration(d)) \(op) \(duration(d)))" : "(\(timeValue(d)) \(op) \(timeValue(d)))"
    case 8:
      if functionScope == nil, let call = call(returning: .bool, depth: d) { return call }
      fallthrough
    default:
      let type = rng.pick([GenType.float, .price, .qty, .money, .int, .price])
      let a = expr(type, depth: d, literal: true)
      let b = expr(type, depth: d, literal: !a.isLiteral)
      return "(\(a.text) \(rng.pick(["<", "<=", ">", ">=", "==", "!="])) \(b.text))"
    }
  }

  mutating func duration(_ depth: Int) -> String {
    let named = names(of: .duration)
    if depth <= 0 || rng.chance(3) {
      return !named.isEmpty && rng.chance(2) ? rng.pick(named) : rng.pick(Self.durationLiterals)
    }
    let d = depth - 1
    switch rng.below(6) {
    case 0: return "(\(duration(d)) \(rng.pick(["+", "-"])) \(duration(d)))"
    // A literal Duration times a literal Int is a constant and must not overflow (an error, not
    // a wrap), so the Int here reads a name: the step computes the product, and wraps.
    case 1: return "(\(duration(d)) * \(integer(d, literal: false).text))"
    case 2: return "(\(integer(d, literal: false).text) * \(duration(d)))"
    case 3: return "(\(duration(d)) / \(integer(d, literal: true).text))"
    case 4: return "(\(timeValue(d)) - \(timeValue(d)))"
    default: return "(if \(boolean(d)) then \(duration(d)) else \(duration(d)))"
    }
  }

  mutating func timeValue(_ depth: Int) -> String {
    let named = names(of: .time)
    if depth <= 0 || rng.chance(3) {
      return !named.isEmpty && rng.chance(2) ? rng.pick(named) : "time"
    }
    let d = depth - 1
    switch rng.below(3) {
    case 0: return "(\(timeValue(d)) + \(duration(d)))"
    case 1: return "(\(duration(d)) + \(timeValue(d)))"
    default: return "(\(timeValue(d)) - \(duration(d)))"
    }
  }
}
