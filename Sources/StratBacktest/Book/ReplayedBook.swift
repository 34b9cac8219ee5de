import StratMarket

/// One instrument's book in a backtest: built from the events (a `SeededBook`, so messages about
/// orders from before the data start come off their level), or, when the feed publishes its book
/// after every event (`BookSnapshots`), that published book — exact where a message feed is
/// incomplete (LOBSTER sends only what touches the requested levels).
final class ReplayedBook: BookView {
  private let built = SeededBook()
  private let snapshots: BookSnapshots?
  /// The snapshot shown: the one after the last event applied (−1 before any).
  private var row = -1

  init(snapshots: BookSnapshots?) { self.snapshots = snapshots }

  /// Applies event number `index` of the feed.
  func apply(_ event: OrderEvent, index: Int) {
    if snapshots != nil { row = index } else { built.apply(event) }
  }

  /// The price of a resting order, when the book knows it (built books only).
  func price(ofOrder id: UInt64) -> Int64? { built.book.order(id)?.price }

  func levelCount(_ side: Side) -> Int {
    guard let snapshots else { return built.levelCount(side) }
    var count = 0
    while snapshots.level(row: row, side: side, index: count) != nil { count += 1 }
    return count
  }

  func level(_ side: Side, _ index: Int) -> BookLevel? {
    guard let snapshots else { return built.level(side, index) }
    return snapshots.level(row: row, side: side, index: index)
  }

  func quantity(_ side: Side, at price: Int64) -> Int64 {
    guard let snapshots else { return built.quantity(side, at: price) }
    for k in 0..<snapshots.levels {
      guard let level = snapshots.level(row: row, side: side, index: k) else { return 0 }
      if level.price == price { return level.quantity }
    }
    return 0
  }
}
