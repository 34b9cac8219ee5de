import StratMarket

/// The control API's JSON bodies, keys in a fixed order, money as exact decimals.
enum EngineStatusJSON {
  typealias Status = EngineStatusBoard.Status

  static func status(_ s: Status, risk: String) -> String {
    let strategies = s.strategies.map { st in
      "{\"name\":\(q(st.name)),\"backend\":\(q(st.backend)),\"cash\":\(st.cash),\"equity\":\(st.equity),\"fees\":\(st.fees),\"fills\":\(st.fills),\"open_orders\":\(st.openOrders.lazy.filter { !$0.state.isEndedByOMS }.count),\"expired\":\(st.expired),\"denied\":\(st.denied)}"
    }
    return "{\"events\":\(s.events),\"total_events\":\(s.totalEvents),\"kill_switch\":\(s.killed),\"finished\":\(s.finished),\"strategies\":[\(strategies.joined(separator: ","))],\"risk\":\(risk)}"
  }

  /// One row per (strategy, venue, instrument): the OMS's position and average entry price
  /// there (null while flat). Venue 0 is the in-process simulated venue, `sim`.
  static func positions(_ s: Status) -> String {
    let rows = s.strategies.flatMap { st in
      st.venuePositions.indices.map { k in
        let n = max(st.instruments.count, 1)
        let average = st.venueAverages[k].isFinite ? "\(st.venueAverages[k])" : "null"
        return "{\"strategy\":\(q(st.name)),\"venue\":\(q(venueName(k / n))),\"symbol\":\(q(st.instruments[k % n])),"
          + "\"position\":\(st.venuePositions[k]),\"avg_price\":\(average)}"
      }
    }
    return "{\"events\":\(s.events),\"positions\":[\(rows.joined(separator: ","))]}"
  }

  static func orders(_ s: Status) -> String {
    let rows = s.strategies.flatMap { st in
      st.openOrders.map { o in
        let symbol = st.instruments.indices.contains(o.instrument) ? st.instruments[o.instrument] : ""
        let price = o.price.map { Price(raw: $0).description } ?? "null"
        return "{\"strategy\":\(q(st.name)),\"order_id\":\(o.id),\"symbol\":\(q(symbol)),\"side\":\(q(o.buy ? "BUY" : "SELL")),\"remaining\":\(o.remaining),\"price\":\(price),\"state\":\(q(o.state.name))}"
      }
    }
    return "{\"events\":\(s.events),\"orders\":[\(rows.joined(separator: ","))]}"
  }

  static func strategies(_ s: Status, _ control: StrategyControl?) -> String {
    let running = s.strategies.map { st in
      let shadow = st.shadowCode.map { "{\"code\":\(q($0)),\"steps\":\(st.shadowSteps),\"agreeing\":\(st.shadowAgreeing)}" } ?? "null"
      return "{\"name\":\(q(st.name)),\"active\":\(st.active),\"backend\":\(q(st.backend)),\"code\":\(q(st.code)),\"instruments\":[\(st.instruments.map(q).joined(separator: ","))],\"shadow\":\(shadow)}"
    }
    return "{\"running\":[\(running.joined(separator: ","))],\"versions\":\(control?.versionsJSON() ?? "[]")}"
  }

  static func q(_ s: String) -> String { JSONValue.string(s).text }

  /// The name of gateway `k` (the engine has one: the in-process simulated venue).
  static func venueName(_ k: Int) -> String { k == 0 ? "sim" : "venue\(k)" }
}
