import StratMarket

/// The OMS's gateway when orders may go to several venues: each new order is planned across
/// the venues' books (`RoutePlanner`) and sent as one child order per venue through that
/// venue's own gateway; the children's reports come back as the one order the OMS sent.
///
///   OMS ─submit─▶ plan (quotes of every venue) ─▶ child v on gateway v ─FIX─▶ venue v
///   OMS ◀─drain── parent updates and fills ◀── child reports (deduplicated per venue) ◀── drain v
///
/// A child's id is the parent's id × 8 + its venue, so every report names its parent and its
/// venue without a table (at most `maxVenues` venues). The children's execution ids are
/// deduplicated per venue (two venues number their reports independently) and the OMS sees the
/// router's own, one sequence for all venues. Called only from the thread that runs the strategy.
package final class SmartOrderRouter: RemoteVenue {
  package static let maxVenues = 8
  package let venues: [RouteVenue]
  let gateways: [any RemoteVenue]
  let quotes: [any VenueQuotes]
  package var planner: RoutePlanner
  package weak var journal: (any RoutingJournal)?
  var parents: [UInt64: Parent] = [:]
  /// Scratch: each venue's levels for the order being planned, and each gateway's reports.
  var books: [[QuoteLevel]]
  var scratch = VenueReport()
  var filters: [ExecutionReportFilter]
  var nextExecutionID: UInt64 = 0
  package internal(set) var quality: ExecutionQuality
  /// Reports a venue delivered twice, dropped here (the OMS never sees them).
  package internal(set) var duplicateReports = 0
  /// Child orders sent, and orders split across more than one venue.
  package internal(set) var childOrders = 0
  package internal(set) var splitOrders = 0
  /// Replaces refused because the order is working on more than one venue.
  package internal(set) var refusedSplitReplaces = 0

  struct Parent {
    var request: VenueOrderRequest
    var decidedAt: Int64
    var decisionPrice: Int64
    var children: [Child]
    var filled: Int64 = 0
    var announced = false
    var final = false
  }

  struct Child {
    var venue: Int
    var quantity: Int64
    var leaves: Int64
    var state: VenueOrderState = .pendingNew
    var rejection: VenueRejectReason?
    var arrivalPrice: Int64 = 0
  }

  package init(venues: [RouteVenue], gateways: [any RemoteVenue], quotes: [any VenueQuotes], policy: RoutingPolicy) {
    precondition(venues.count == gateways.count && venues.count == quotes.count && (1...Self.maxVenues).contains(venues.count))
    self.venues = venues
    self.gateways = gateways
    self.quotes = quotes
    planner = RoutePlanner(venues: venues, policy: policy)
    books = Array(repeating: [], count: venues.count)
    filters = Array(repeating: ExecutionReportFilter(), count: venues.count)
    quality = ExecutionQuality(venueCount: venues.count)
  }

  static func childID(_ parent: UInt64, venue: Int) -> UInt64 { parent &* UInt64(maxVenues) &+ UInt64(venue) }
  static func parentAndVenue(_ child: UInt64) -> (UInt64, Int) { (child / UInt64(maxVenues), Int(child % UInt64(maxVenues))) }

  // MARK: OrderGateway

  /// Plans and sends an order measured against the consolidated mid (no strategy mark given).
  package func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
    submit(order, decidedAt: decidedAt, reference: 0)
  }

  /// Plans `order` across the venues' books and sends one child per venue that gets units.
  /// `reference` (the strategy's mark when it decided; 0: none, then the consolidated mid) is
  /// the TCA decision price; each child's arrival price is its venue's mid as it is sent.
  package func submit(_ order: VenueOrderRequest, decidedAt: Int64, reference: Int64) -> UInt64 {
    for q in quotes { q.poll() }
    let takes: Side = order.side == .buy ? .sell : .buy
    for v in venues.indices { quotes[v].levels(instrument: order.instrument, side: takes, depth: 5, into: &books[v]) }
    let limit: Int64? = if case .limit(let price) = order.kind { price } else { nil }
    let rests = limit != nil && order.timeInForce == .day
    let plan = planner.plan(side: order.side, quantity: order.quantity, limit: limit, rests: rests, books: books)
    let decisionPrice = reference > 0 ? reference : consolidatedMid(order.instrument)
    var parent = Parent(request: order, decidedAt: decidedAt, decisionPrice: decisionPrice, children: [])
    for slice in plan.slices {
      let mid = venueMid(slice.venue, instrument: order.instrument)
      parent.children.append(Child(venue: slice.venue, quantity: slice.quantity, leaves: slice.quantity, arrivalPrice: mid))
    }
    parents[order.id] = parent
    childOrders += plan.slices.count
    if plan.slices.count > 1 { splitOrders += 1 }
    journal?.routed(
      RouteDecision(
        orderID: order.id, instrument: order.instrument, side: order.side, quantity: order.quantity, limit: limit,
        decidedAt: decidedAt, decisionPrice: decisionPrice, policy: planner.policy, rests: rests, plan: plan))
    for slice in plan.slices {
      var child = order
      child.id = Self.childID(order.id, venue: slice.venue)
      child.quantity = slice.quantity
      _ = gateways[slice.venue].submit(child, decidedAt: decidedAt)
    }
    return order.id
  }

  package func cancel(orderID: UInt64, decidedAt: Int64) {
    guard let parent = parents[orderID] else { return refuse(orderID, .unknownOrder, at: decidedAt) }
    for child in parent.children where !child.state.isFinal {
      gateways[child.venue].cancel(orderID: Self.childID(orderID, venue: child.venue), decidedAt: decidedAt)
    }
  }

  /// Amends an order working on one venue; an order working on several is refused
  /// (`venueRefused`): moving units between venues is a cancel and a new order, the OMS's call.
  package func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {
    guard let parent = parents[orderID] else { return refuse(orderID, .unknownOrder, at: decidedAt) }
    let live = parent.children.filter { !$0.state.isFinal }
    guard live.count == 1, let child = live.first else {
      refusedSplitReplaces += 1
      return refuse(orderID, live.isEmpty ? .orderClosed : .venueRefused, at: decidedAt)
    }
    gateways[child.venue].replace(orderID: Self.childID(orderID, venue: child.venue), quantity: quantity, price: price, decidedAt: decidedAt)
  }

  /// Every venue's open orders, as the parents they belong to. Not on the hot path.
  package func openOrders() -> [VenueOrderStatus] {
    var open: Set<UInt64> = []
    for gateway in gateways {
      for status in gateway.openOrders() { open.insert(Self.parentAndVenue(status.id).0) }
    }
    return open.sorted().compactMap { id in order(id).map { status in
      var status = status
      status.state = status.filledQuantity > 0 ? .partiallyFilled : .open
      return status
    } }
  }

  package func order(_ id: UInt64) -> VenueOrderStatus? {
    guard let parent = parents[id] else { return nil }
    var request = parent.request
    request.id = id
    var status = VenueOrderStatus(id: id, request: request, decidedAt: parent.decidedAt, arrivalTime: firstArrival(parent))
    status.filledQuantity = parent.filled
    status.remainingQuantity = parent.children.reduce(0) { $0 + ($1.state.isFinal ? 0 : $1.leaves) }
    status.state = state(of: parent)
    return status
  }

  private func firstArrival(_ parent: Parent) -> Int64 {
    parent.children.compactMap { gateways[$0.venue].order(Self.childID(parent.request.id, venue: $0.venue))?.arrivalTime }
      .filter { $0 > 0 }.min() ?? 0
  }

  func refuse(_ orderID: UInt64, _ reason: VenueRejectReason, at time: Int64) {
    let state = parents[orderID].map { self.state(of: $0) } ?? .rejected
    nextExecutionID += 1
    scratchRefusals.append(
      VenueOrderUpdate(orderID: orderID, time: time, kind: .requestRejected(reason), state: state, remainingQuantity: 0, executionID: nextExecutionID))
  }

  /// Refusals made here, handed to the OMS with the next drain.
  var scratchRefusals: [VenueOrderUpdate] = []

  /// The mid of the best bid and best ask across all venues; 0 when either side is empty.
  package func consolidatedMid(_ instrument: Int) -> Int64 {
    var bid: Int64 = .min
    var ask: Int64 = .max
    for v in venues.indices {
      quotes[v].levels(instrument: instrument, side: .buy, depth: 1, into: &books[v])
      if let best = books[v].first?.price { bid = max(bid, best) }
      quotes[v].levels(instrument: instrument, side: .sell, depth: 1, into: &books[v])
      if let best = books[v].first?.price { ask = min(ask, best) }
    }
    return bid == .min || ask == .max ? 0 : Self.mid(bid, ask)
  }

  /// Venue `v`'s own mid; 0 when one side is empty.
  func venueMid(_ v: Int, instrument: Int) -> Int64 {
    quotes[v].levels(instrument: instrument, side: .buy, depth: 1, into: &books[v])
    guard let bid = books[v].first?.price else { return 0 }
    quotes[v].levels(instrument: instrument, side: .sell, depth: 1, into: &books[v])
    guard let ask = books[v].first?.price else { return 0 }
    return Self.mid(bid, ask)
  }

  static func mid(_ bid: Int64, _ ask: Int64) -> Int64 { bid / 2 + ask / 2 + (bid % 2 + ask % 2) / 2 }
}
