import StratMarket
import StratRuntime

extension PostTradeSnapshot {
  /// The figures as one JSON object for `/v1/status` (money as exact decimals, VaR null until
  /// it has 30 minute returns):
  /// `{"events":N,"total":{…},"instruments":[{…}],"strategies":[{"name":…,"total":{…},
  /// "var_99_1d":…,"var_returns":N,"instruments":[{…}]}]}`, each `{…}` an exposure:
  /// symbol, position, mark, realised, unrealised, fees, pnl, gross, net.
  package var json: String {
    let strategies = self.strategies.map { s in
      "{\"name\":\(JSONValue.string(s.name).text),\"total\":\(Self.json(s.total)),"
        + "\"var_99_1d\":\(s.valueAtRisk.map { "\($0)" } ?? "null"),\"var_returns\":\(s.varReturns),"
        + "\"instruments\":[\(s.instruments.map(Self.json).joined(separator: ","))]}"
    }
    return "{\"events\":\(events),\"total\":\(Self.json(total)),"
      + "\"instruments\":[\(instruments.map(Self.json).joined(separator: ","))],"
      + "\"strategies\":[\(strategies.joined(separator: ","))]}"
  }

  static func json(_ e: Exposure) -> String {
    let symbol = e.symbol.isEmpty ? "" : "\"symbol\":\(JSONValue.string(e.symbol).text),\"position\":\(e.position),\"mark\":\(e.mark),"
    return "{\(symbol)\"realised\":\(e.realised),\"unrealised\":\(e.unrealised),\"fees\":\(e.fees),"
      + "\"pnl\":\(e.pnl),\"gross\":\(e.gross),\"net\":\(e.net)}"
  }
}
