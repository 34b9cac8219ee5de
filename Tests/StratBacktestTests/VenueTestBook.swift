import StratRuntime
import StratBacktest
import StratMarket

/// A small aggregated book for venue tests, built from explicit levels and updated by events
/// that carry their price (adds add, cancels/deletes/executions remove).
struct VenueTestBook: BookView {
  /// Best first: bids descending, asks ascending.
  var bids: [BookLevel]
  var asks: [BookLevel]

  init(bids: [(String, Int64)] = [], asks: [(String, Int64)] = []) {
    self.bids = bids.map { BookLevel(price: px($0.0), quantity: $0.1, orders: 1) }
    self.asks = asks.map { BookLevel(price: px($0.0), quantity: $0.1, orders: 1) }
  }

  func levelCount(_ side: Side) -> Int { side == .buy ? bids.count : asks.count }

  func level(_ side: Side, _ index: Int) -> BookLevel? {
    let levels = side == .buy ? bids : asks
    return levels.indices.contains(index) ? levels[index] : nil
  }

  mutating func apply(_ event: OrderEvent) {
    switch event.kind {
    case .add: change(event.side, event.price, by: event.quantity)
    case .cancel, .delete, .execute: change(event.side, event.price, by: -event.quantity)
    case .hiddenTrade, .replace, .tradingState, .crossTrade: break
    }
  }

  mutating func change(_ side: Side, _ price: Int64, by delta: Int64) {
    if side == .buy {
      Self.change(&bids, price, delta, before: >)
    } else {
      Self.change(&asks, price, delta, before: <)
    }
  }

  static func change(
    _ levels: inout [BookLevel],
    _ price: Int64,
    _ delta: Int64,
    before: (Int64, Int64) -> Bool
  ) {
    if let i = levels.firstIndex(where: { $0.price == price }) {
      levels[i].quantity += delta
      if levels[i].quantity <= 0 { levels.remove(at: i) }
    } else if delta > 0 {
      let i = levels.firstIndex { before(price, $0.price) } ?? levels.count
      levels.insert(BookLevel(price: price, quantity: delta, orders: 1), at: i)
    }
  }
}

/// Parses a decimal price to raw 1e-8 units (tests only; a typo gives −1, which no test expects).
func px(_ text: String) -> Int64 { (try? Price(text).raw) ?? -1 }

/// Parses a decimal amount (tests only).
func cash(_ text: String) -> Money { (try? Money(text)) ?? Money(raw: -1) }

/// Drives a venue the way the backtest loop must: `process` with the books before the event,
/// then the event is applied to the book.
final class VenueHarness {
  let venue: SimulatedVenue
  var books: [VenueTestBook]
  var report = VenueReport()

  init(_ config: VenueConfig = VenueConfig(), books: [VenueTestBook]) throws {
    venue = try SimulatedVenue(config: config, instrumentCount: books.count)
    self.books = books
  }

  convenience init(_ config: VenueConfig = VenueConfig(), book: VenueTestBook) throws {
    try self.init(config, books: [book])
  }

  func send(_ event: OrderEvent, instrument: Int = 0) {
    venue.process(event, instrument: instrument, books: books, report: &report)
    books[instrument].apply(event)
  }

  func advance(to time: Int64) { venue.advance(to: time, books: books, report: &report) }

  var fills: [VenueFill] { report.fills }
  var filledQuantities: [Int64] { report.fills.map(\.quantity) }

  func updates(of id: UInt64) -> [VenueOrderUpdate.Kind] {
    report.updates.filter { $0.orderID == id }.map(\.kind)
  }
}

/// Event shorthands with prices as decimal text.
enum Ev {
  static func add(_ t: Int64, _ side: Side, _ price: String, _ quantity: Int64) -> OrderEvent {
    OrderEvent(timeNanos: t, kind: .add, side: side, price: px(price), quantity: quantity)
  }

  static func cancel(_ t: Int64, _ side: Side, _ price: String, _ quantity: Int64) -> OrderEvent {
    OrderEvent(timeNanos: t, kind: .cancel, side: side, price: px(price), quantity: quantity)
  }

  static func execute(_ t: Int64, _ side: Side, _ price: String, _ quantity: Int64) -> OrderEvent {
    OrderEvent(timeNanos: t, kind: .execute, side: side, price: px(price), quantity: quantity)
  }

  static func hidden(_ t: Int64, _ side: Side, _ price: String, _ quantity: Int64) -> OrderEvent {
    OrderEvent(timeNanos: t, kind: .hiddenTrade, side: side, price: px(price), quantity: quantity)
  }

  /// An event that changes nothing the venue matches on (a trade of an unrelated cross).
  static func tick(_ t: Int64) -> OrderEvent { OrderEvent(timeNanos: t, kind: .crossTrade) }
}
