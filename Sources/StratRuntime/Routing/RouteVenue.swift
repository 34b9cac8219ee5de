import StratMarket

/// One venue a smart order router can send to: its name (for the journal), its fee schedule
/// (what a fill there costs, so prices compare net of fees) and its one-way order latency
/// (the tie-break of `RoutingPolicy.lowestLatency`).
package struct RouteVenue: Sendable, Hashable {
  package var name: String
  package var fees: VenueFees
  package var latencyNanos: Int64

  package init(name: String, fees: VenueFees = VenueFees(), latencyNanos: Int64 = 0) {
    self.name = name
    self.fees = fees
    self.latencyNanos = latencyNanos
  }

  /// The price of one unit taken here at `price`, net of the taker fee: higher for a buy, lower
  /// for a sell (a rebate moves it the other way). Nil when the fee does not fit in 64 bits.
  package func netTakePrice(_ price: Int64, side: Side) -> Int64? {
    guard let fee = fees.taker.fee(price: price, quantity: 1) else { return nil }
    return side == .buy ? price &+ fee.raw : price &- fee.raw
  }

  /// What resting one unit at `price` here costs: the maker fee (negative for a rebate).
  package func makerCost(_ price: Int64) -> Int64 { fees.maker.fee(price: price, quantity: 1)?.raw ?? .max }
}

/// How the router breaks a tie between venues that show the same price net of fees.
package enum RoutingPolicy: String, Sendable, CaseIterable {
  /// The venue showing more size first (fewer slices), then the configured order.
  case bestPrice = "best-price"
  /// The venue with the lowest order latency first, then the configured order.
  case lowestLatency = "lowest-latency"
}

/// One price level a venue shows: `size` units at `price` (raw 1e-8).
package struct QuoteLevel: Sendable, Hashable {
  package var price: Int64
  package var size: Int64

  package init(price: Int64, size: Int64) {
    self.price = price
    self.size = size
  }
}

/// Where the router reads a venue's book. Called only on the thread that routes.
package protocol VenueQuotes: AnyObject {
  /// Takes in what the venue published since the last call, without blocking.
  func poll()
  /// The best levels of the `side` half of the book (`.sell`: the asks a buy takes), best
  /// first, at most `depth`, written into `levels` (emptied first).
  func levels(instrument: Int, side: Side, depth: Int, into levels: inout [QuoteLevel])
}
