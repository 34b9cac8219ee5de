import StratMarket
import StratRuntime

/// A routed venue's book as the router reads it: the venue's own ITCH 5.0 feed over MoldUDP64
/// (the same `LiveITCHFeed` the engine trades on), applied to one book per instrument. Polled on
/// the hot thread by the router, so no lock stands between the feed and the plan.
final class LiveQuoteBook: VenueQuotes {
  let feed: LiveITCHFeed
  let symbols: [String]
  private var books: [ReplayedBook]
  /// The instrument of each feed locate (−1: not traded), grown as the directory names them.
  private var instrumentOfLocate: [Int] = []
  private var applied = 0

  /// Listens on `listen` and waits (10 s at most) until the venue's directory names every symbol.
  init(listen: String, request: String?, date: String, symbols: [String]) throws(EngineError) {
    feed = try LiveITCHFeed(listen: listen, request: request, date: date)
    self.symbols = symbols
    books = symbols.map { _ in ReplayedBook(snapshots: nil, locatesUnknownOrders: false) }
    try feed.bind(Set(symbols), timeoutSeconds: 10)
    poll()
  }

  func poll() {
    var taken = 0
    while taken < 4096, case .event(let event) = feed.next() {
      taken += 1
      guard let i = instrument(ofLocate: event.instrument) else { continue }
      books[i].apply(event, index: applied)
      applied += 1
    }
  }

  func levels(instrument: Int, side: Side, depth: Int, into levels: inout [QuoteLevel]) {
    levels.removeAll(keepingCapacity: true)
    var k = 0
    while k < depth, let level = books[instrument].level(side, k) {
      levels.append(QuoteLevel(price: level.price, size: level.quantity))
      k += 1
    }
  }

  private func instrument(ofLocate locate: UInt32) -> Int? {
    let n = Int(locate)
    if n >= instrumentOfLocate.count || instrumentOfLocate[n] == -2 { learn(n) }
    let i = instrumentOfLocate[n]
    return i >= 0 ? i : nil
  }

  /// Looks the locate up in the directory once (−2: not looked up yet).
  private func learn(_ n: Int) {
    if n >= instrumentOfLocate.count { instrumentOfLocate += Array(repeating: -2, count: n + 1 - instrumentOfLocate.count) }
    instrumentOfLocate[n] = feed.symbols[UInt32(n)].flatMap { symbols.firstIndex(of: $0) } ?? -1
  }
}
