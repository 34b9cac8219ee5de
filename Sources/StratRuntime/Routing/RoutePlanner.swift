import StratMarket

/// Splits one order across venues, best execution first:
///
/// 1. every level within the order's limit on every venue is a candidate, priced net of that
///    venue's taker fee;
/// 2. candidates are taken best net price first (ties: `RoutingPolicy`) until the order's
///    quantity is covered, so an order one venue cannot fill is split;
/// 3. what no venue shows rests (a day limit) at the venue where resting costs least (the
///    lowest maker fee, a rebate best; ties: `RoutingPolicy`), or, for a market or IOC
///    order, goes with the best candidate, to take what has appeared by the time it arrives.
///
/// At most one slice per venue. Deterministic: the same books give the same plan. The scratch
/// arrays are reused, so planning allocates only while they grow.
package struct RoutePlanner {
  package let venues: [RouteVenue]
  package let policy: RoutingPolicy
  private var candidates: [Candidate] = []
  /// Units for each venue in the plan being built (reused).
  private var units: [Int64]

  struct Candidate {
    var venue: Int
    var price: Int64
    var net: Int64
    var size: Int64
  }

  package init(venues: [RouteVenue], policy: RoutingPolicy) {
    self.venues = venues
    self.policy = policy
    units = Array(repeating: 0, count: venues.count)
    candidates.reserveCapacity(venues.count * 8)
  }

  /// The plan for `quantity` units on `side`, at `limit` (nil: a market order), given each
  /// venue's levels on the side the order takes (`books[v]`, best first).
  package mutating func plan(
    side: Side, quantity: Int64, limit: Int64?, rests: Bool, books: [[QuoteLevel]]
  ) -> RoutePlan {
    collect(side: side, limit: limit, books: books)
    for v in units.indices { units[v] = 0 }
    var left = quantity
    for c in candidates where left > 0 {
      let take = min(left, c.size)
      units[c.venue] += take
      left -= take
    }
    let visible = quantity - left
    var rest: Int?
    if left > 0 {
      let home = rests ? restingVenue(limit: limit ?? 0, books: books) : (candidates.first?.venue ?? restingVenue(limit: 0, books: books))
      units[home] += left
      rest = home
    }
    var slices: [RouteSlice] = []
    for v in units.indices where units[v] > 0 { slices.append(RouteSlice(venue: v, quantity: units[v])) }
    return RoutePlan(
      slices: slices, visible: visible, restVenue: rest, restQuantity: left,
      views: books.indices.map { view(venue: $0, side: side, limit: limit, levels: books[$0]) })
  }

  private mutating func collect(side: Side, limit: Int64?, books: [[QuoteLevel]]) {
    candidates.removeAll(keepingCapacity: true)
    for (v, levels) in books.enumerated() {
      for level in levels where level.size > 0 && Self.within(level.price, limit: limit, side: side) {
        guard let net = venues[v].netTakePrice(level.price, side: side) else { continue }
        candidates.append(Candidate(venue: v, price: level.price, net: net, size: level.size))
      }
    }
    let venues = self.venues
    let policy = self.policy
    candidates.sort { a, b in
      if a.net != b.net { return side == .buy ? a.net < b.net : a.net > b.net }
      if a.venue == b.venue { return false }
      switch policy {
      case .bestPrice where a.size != b.size: return a.size > b.size
      case .lowestLatency where venues[a.venue].latencyNanos != venues[b.venue].latencyNanos:
        return venues[a.venue].latencyNanos < venues[b.venue].latencyNanos
      default: return a.venue < b.venue
      }
    }
  }

  /// The venue where the unfilled rest of a limit order waits.
  private func restingVenue(limit: Int64, books: [[QuoteLevel]]) -> Int {
    var best = 0
    for v in venues.indices.dropFirst() {
      let (cost, bestCost) = (venues[v].makerCost(limit), venues[best].makerCost(limit))
      if cost != bestCost {
        if cost < bestCost { best = v }
        continue
      }
      switch policy {
      case .lowestLatency where venues[v].latencyNanos < venues[best].latencyNanos: best = v
      case .bestPrice where Self.size(books[v]) > Self.size(books[best]): best = v
      default: break
      }
    }
    return best
  }

  private func view(venue v: Int, side: Side, limit: Int64?, levels: [QuoteLevel]) -> RoutePlan.VenueView {
    let within = levels.filter { $0.size > 0 && Self.within($0.price, limit: limit, side: side) }
    return RoutePlan.VenueView(
      venue: v, best: levels.first?.price, net: levels.first.flatMap { venues[v].netTakePrice($0.price, side: side) },
      sizeWithinLimit: within.reduce(0) { $0 + $1.size })
  }

  static func within(_ price: Int64, limit: Int64?, side: Side) -> Bool {
    guard let limit else { return true }
    return side == .buy ? price <= limit : price >= limit
  }

  static func size(_ levels: [QuoteLevel]) -> Int64 { levels.reduce(0) { $0 + $1.size } }
}

/// Units for one venue.
package struct RouteSlice: Sendable, Hashable {
  package var venue: Int
  package var quantity: Int64
}

/// What the planner decided and what it saw, for the journal.
package struct RoutePlan: Sendable, Hashable {
  /// One per venue that gets units, in venue order.
  package var slices: [RouteSlice]
  /// Units matched against displayed liquidity.
  package var visible: Int64
  /// The venue that gets the units no venue showed, and how many.
  package var restVenue: Int?
  package var restQuantity: Int64
  /// Each venue's book as the planner saw it.
  package var views: [VenueView]

  package struct VenueView: Sendable, Hashable {
    package var venue: Int
    /// The best price on the side the order takes, and that price net of the taker fee.
    package var best: Int64?
    package var net: Int64?
    /// Units shown within the order's limit.
    package var sizeWithinLimit: Int64
  }
}
