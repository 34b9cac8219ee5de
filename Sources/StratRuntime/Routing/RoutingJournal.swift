import StratMarket

/// Where the router explains itself: each routing decision when it is made, each fill with its
/// execution quality when it is booked. The engine writes both to its journal, its log and
/// /metrics; called on the routing thread.
package protocol RoutingJournal: AnyObject {
  func routed(_ decision: RouteDecision)
  func executed(_ fill: TCAFill)
}

/// One order's routing decision: what was asked, what each venue showed, where the units went.
package struct RouteDecision: Sendable, Hashable {
  package var orderID: UInt64
  package var instrument: Int
  package var side: Side
  package var quantity: Int64
  /// The limit price (nil: a market order).
  package var limit: Int64?
  package var decidedAt: Int64
  package var decisionPrice: Int64
  package var policy: RoutingPolicy
  /// Whether units no venue shows rest (a day limit) rather than chase (market, IOC).
  package var rests: Bool
  package var plan: RoutePlan

  /// One sentence per decision, for the journal's readers: where each slice went and why.
  package func explanation(venues: [RouteVenue]) -> String {
    var parts: [String] = []
    for slice in plan.slices {
      let view = plan.views[slice.venue]
      let shown = view.sizeWithinLimit > 0 ? "shows \(view.sizeWithinLimit) within the limit, best \(Price(raw: view.best ?? 0)) (net \(Price(raw: view.net ?? 0)))" : "shows nothing within the limit"
      parts.append("\(slice.quantity) to \(venues[slice.venue].name), which \(shown)")
    }
    var text = parts.joined(separator: "; ")
    if let rest = plan.restVenue, plan.restQuantity > 0 {
      text += "; \(plan.restQuantity) not shown anywhere go to \(venues[rest].name) ("
        + (rests ? "they rest where the maker fee is lowest, ties by \(policy.rawValue)" : "they go with the best-priced slice") + ")"
    }
    return text
  }
}
