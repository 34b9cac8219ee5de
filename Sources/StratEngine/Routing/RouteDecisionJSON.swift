import StratMarket
import StratRuntime

/// The JSON of the router's journal records and log lines (Docs/JOURNAL.md "Records", types 13
/// and 14): prices as decimal strings, exactly as the fixed point holds them.
enum RouteDecisionJSON {
  static func decision(_ d: RouteDecision, venues: [RouteVenue]) -> String {
    let views = d.plan.views.map { view -> String in
      object([
        ("venue", .string(venues[view.venue].name)), ("best", price(view.best)), ("net", price(view.net)),
        ("size_within_limit", .int(Int(view.sizeWithinLimit))),
      ])
    }
    let slices = d.plan.slices.map { object([("venue", .string(venues[$0.venue].name)), ("quantity", .int(Int($0.quantity)))]) }
    return object([
      ("order_id", .int(Int(d.orderID))), ("instrument", .int(d.instrument)), ("side", .string(d.side == .buy ? "buy" : "sell")),
      ("quantity", .int(Int(d.quantity))), ("limit", price(d.limit)), ("decided_at", .int(Int(d.decidedAt))),
      ("decision_price", price(d.decisionPrice > 0 ? d.decisionPrice : nil)), ("policy", .string(d.policy.rawValue)),
      ("visible", .int(Int(d.plan.visible))), ("rest", .int(Int(d.plan.restQuantity))),
      ("venues", .raw("[" + views.joined(separator: ",") + "]")), ("slices", .raw("[" + slices.joined(separator: ",") + "]")),
      ("why", .string(d.explanation(venues: venues))),
    ])
  }

  static func execution(_ f: TCAFill, venues: [RouteVenue]) -> String {
    object([
      ("order_id", .int(Int(f.orderID))), ("venue", .string(venues[f.venue].name)), ("side", .string(f.side == .buy ? "buy" : "sell")),
      ("quantity", .int(Int(f.quantity))), ("price", price(f.price)),
      ("decision_price", price(f.decisionPrice > 0 ? f.decisionPrice : nil)), ("arrival_price", price(f.arrivalPrice > 0 ? f.arrivalPrice : nil)),
      ("slippage_decision_bps", f.decisionSlippageBps.map(JSONValue.double) ?? .null),
      ("slippage_arrival_bps", f.arrivalSlippageBps.map(JSONValue.double) ?? .null), ("fee", .string("\(Money(raw: f.fee))")),
    ])
  }

  /// The day's TCA for summary.json: the router's policy, then per venue and for all venues the
  /// fills, units, fees and quantity-weighted slippage against each benchmark (null: unknown).
  static func quality(_ router: SmartOrderRouter) -> String {
    func totals(_ t: ExecutionQuality.Totals) -> String {
      object([
        ("fills", .int(t.fills)), ("units", .int(Int(t.quantity))), ("fees", .string("\(Money(raw: t.fees))")),
        ("slippage_decision_bps", t.decisionBps.map(JSONValue.double) ?? .null),
        ("slippage_arrival_bps", t.arrivalBps.map(JSONValue.double) ?? .null),
      ])
    }
    let venues = router.venues.indices.map { object([("venue", .string(router.venues[$0].name)), ("quality", .raw(totals(router.quality.venues[$0])))]) }
    return object([
      ("policy", .string(router.planner.policy.rawValue)), ("all", .raw(totals(router.quality.all))),
      ("venues", .raw("[" + venues.joined(separator: ",") + "]")), ("duplicate_reports", .int(router.duplicateReports)),
      ("refused_split_replaces", .int(router.refusedSplitReplaces)),
    ])
  }

  static func price(_ raw: Int64?) -> JSONValue { raw.map { .string("\(Price(raw: $0))") } ?? .null }

  static func object(_ fields: [(String, JSONValue)]) -> String {
    "{" + fields.map { JSONValue.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
  }
}
