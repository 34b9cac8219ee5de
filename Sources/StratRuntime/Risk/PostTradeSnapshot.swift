import StratMarket

/// Post-trade risk at one moment, for `/v1/status` and `/metrics`: money exact to 1e-8.
/// `pnl` = realised + unrealised − fees (= cash + Σ position × mark); `gross` = Σ |position ×
/// mark|, `net` = Σ position × mark.
package struct PostTradeSnapshot: Sendable, Equatable {
  package struct Exposure: Sendable, Equatable {
    package var symbol: String
    package var position: Int64
    package var mark: Price
    package var realised: Money
    package var unrealised: Money
    package var fees: Money
    package var pnl: Money
    package var gross: Money
    package var net: Money
  }

  package struct Strategy: Sendable, Equatable {
    package var name: String
    /// One row per instrument, in the strategy's instrument order.
    package var instruments: [Exposure]
    /// The strategy's totals (symbol "").
    package var total: Exposure
    /// 99 % one-day historical VaR (`PostTradeVaR`), nil until 30 minute returns are in.
    package var valueAtRisk: Money?
    package var varReturns: Int
  }

  package var strategies: [Strategy]
  /// Every strategy's rows summed per symbol, by symbol.
  package var instruments: [Exposure]
  /// The engine's totals (symbol "").
  package var total: Exposure
  /// Events delivered when the figures were taken.
  package var events: UInt64

  /// The figures of one strategy's `risk`, its instruments bound to `symbols`.
  package static func strategy(_ name: String, symbols: [String], risk: PostTradeRisk) -> Strategy {
    let rows = symbols.indices.map { exposure(symbols[$0], risk: risk, instrument: $0) }
    let (value, returns) = PostTradeVaR.oneDay99(risk)
    return Strategy(
      name: name, instruments: rows, total: sum(rows, symbol: ""), valueAtRisk: value.map(Money.init(raw:)),
      varReturns: returns)
  }

  static func exposure(_ symbol: String, risk: PostTradeRisk, instrument i: Int) -> Exposure {
    let value = Int128(risk.position[i]) * Int128(risk.marks[i])
    let unrealised = value - risk.cost[i]
    return Exposure(
      symbol: symbol, position: risk.position[i], mark: Price(raw: risk.marks[i]), realised: money(risk.realised[i]),
      unrealised: money(unrealised), fees: money(risk.fees[i]), pnl: money(risk.realised[i] + unrealised - risk.fees[i]),
      gross: money(value.magnitude > UInt128(Int128.max) ? .max : Int128(value.magnitude)), net: money(value))
  }

  /// `rows` added up (positions and marks only when every row is one symbol).
  static func sum(_ rows: [Exposure], symbol: String) -> Exposure {
    func total(_ key: KeyPath<Exposure, Money>) -> Money {
      money(rows.reduce(Int128(0)) { $0 + Int128($1[keyPath: key].raw) })
    }
    let one = !symbol.isEmpty
    return Exposure(
      symbol: symbol, position: one ? rows.reduce(0) { $0 &+ $1.position } : 0, mark: one ? rows.last?.mark ?? .zero : .zero,
      realised: total(\.realised), unrealised: total(\.unrealised), fees: total(\.fees), pnl: total(\.pnl),
      gross: total(\.gross), net: total(\.net))
  }

  /// Raw 1e-8 in 128 bits as Money, clamped to its range.
  static func money(_ raw: Int128) -> Money { Money(raw: Int64(clamping: raw)) }

  /// The engine's snapshot of several strategies.
  package static func engine(_ strategies: [Strategy], events: UInt64) -> PostTradeSnapshot {
    var symbols: [String] = []
    for s in strategies { for row in s.instruments where !symbols.contains(row.symbol) { symbols.append(row.symbol) } }
    symbols.sort()
    let bySymbol = symbols.map { symbol in
      sum(strategies.flatMap { $0.instruments.filter { $0.symbol == symbol } }, symbol: symbol)
    }
    return PostTradeSnapshot(
      strategies: strategies, instruments: bySymbol, total: sum(strategies.map(\.total), symbol: ""), events: events)
  }
}
