import StratMarket

/// One instrument's book in a backtest: built from the events (a `SeededBook`, so messages about
/// orders from before the data start come off their level), or, when the feed publishes its book
/// after every event (`BookSnapshots`), that published book — exact where a message feed is
/// incomplete (LOBSTER sends only what touches the requested levels).
package final class ReplayedBook: BookView {
  private let built: SeededBook
  /// Not optional, so that a lookup borrows it: unwrapping an optional copied it, a retain and a
  /// release of its storage per level read.
  private let snapshots: BookSnapshots
  private let hasSnapshots: Bool
  /// The snapshot shown: the one after the last event applied (−1 before any).
  private var row = -1

  /// `locatesUnknownOrders`: see `BookFeed.locatesUnknownOrders`.
  package init(snapshots: BookSnapshots?, locatesUnknownOrders: Bool) {
    built = SeededBook(locatesUnknownOrders: locatesUnknownOrders)
    self.snapshots = snapshots ?? BookSnapshots(levels: 0)
    hasSnapshots = snapshots != nil
  }

  /// Applies event number `index` of the feed. A book built from messages also clears levels
  /// that a new order crosses: in a continuous market a resting order cannot be crossed, so they
  /// were cancelled out of sight (a feed limited to the top levels, such as LOBSTER's, never
  /// says so). Only an order that rests clears.
  package func apply(_ event: OrderEvent, index: Int) {
    guard !hasSnapshots else {
      row = index
      return
    }
    // A refused message (a duplicate reference, zero shares, an unknown original) rested
    // nothing, so it crosses nothing.
    guard built.apply(event) == nil else { return }
    // A replace does not carry its side (ITCH's U): the new order has the original's.
    let side: Side
    switch event.kind {
    case .add: side = event.side
    case .replace:
      guard let order = built.book.order(event.newOrderID) else { return }
      side = order.side
    default: return
    }
    let other = side.opposite
    while let level = built.level(other, 0),
      side == .buy ? level.price <= event.price : level.price >= event.price
    {
      built.setQuantity(other, at: level.price, to: 0)
      clearedLevels += 1
    }
  }

  /// Levels cleared because a new order crossed them.
  package private(set) var clearedLevels = 0

  /// The price of a resting order, when the book knows it (built books only).
  package func price(ofOrder id: UInt64) -> Int64? { built.book.order(id)?.price }

  package func levelCount(_ side: Side) -> Int {
    guard hasSnapshots else { return built.levelCount(side) }
    var count = 0
    while snapshots.level(row: row, side: side, index: count) != nil { count += 1 }
    return count
  }

  package func level(_ side: Side, _ index: Int) -> BookLevel? {
    guard hasSnapshots else { return built.level(side, index) }
    return snapshots.level(row: row, side: side, index: index)
  }

  package func quantity(_ side: Side, at price: Int64) -> Int64 {
    guard hasSnapshots else { return built.quantity(side, at: price) }
    for k in 0..<snapshots.levels {
      guard let level = snapshots.level(row: row, side: side, index: k) else { return 0 }
      if level.price == price { return level.quantity }
    }
    return 0
  }
}
