import StratMarket

/// The displayed liquidity our orders have already taken from one instrument's historical book,
/// which our orders never change. Without it two market orders in a row would both buy the same
/// 100 displayed shares.
///
/// The rule: at a level where we took `c` of `d` displayed, we may take `d − c` more. When the
/// level's displayed quantity shrinks (cancels, executions by others), the shrink is taken from
/// the part we did not consume first, so `c` becomes `min(c, d)` (conservative: the liquidity we
/// took stays taken). New quantity added at the level is available to us. When the level empties
/// or disappears, the entry is dropped: the book has refreshed. Only shrinks matter, so the
/// venue refreshes the one level each cancel, delete or execution touched (all levels when the
/// feed gave no price): constant work per event, whatever the number of entries.
package struct ConsumedLiquidity {
  package struct Level: Hashable {
    package var side: Side
    package var price: Int64
  }

  /// Quantity taken per level. Iterated only where the order of iteration cannot matter.
  package private(set) var taken: [Level: Int64] = [:]

  /// Whether nothing is remembered.
  package var isEmpty: Bool { taken.isEmpty }

  /// The number of levels remembered.
  package var count: Int { taken.count }

  /// Returns how much of `displayed` at (`side`, `price`) we already took.
  package func quantity(_ side: Side, _ price: Int64, displayed: Int64) -> Int64 {
    guard let quantity = taken[Level(side: side, price: price)] else { return 0 }
    return min(quantity, max(0, displayed))
  }

  /// Records that we took `quantity` more at (`side`, `price`).
  package mutating func add(_ side: Side, _ price: Int64, _ quantity: Int64) {
    guard quantity > 0 else { return }
    taken[Level(side: side, price: price), default: 0] += quantity
  }

  /// Applies the rule above to the level a shrinking event touched (`price` 0: every level, for
  /// feeds whose cancels carry no price), against the book as it stands now.
  package mutating func refresh<Book: BookView>(_ side: Side, _ price: Int64, from book: Book) {
    if price != 0 {
      refresh(Level(side: side, price: price), book)
      return
    }
    // Each level's new value depends only on that level: the iteration order cannot matter.
    for level in Array(taken.keys) { refresh(level, book) }
  }

  private mutating func refresh<Book: BookView>(_ level: Level, _ book: Book) {
    guard let quantity = taken[level] else { return }
    let displayed = book.displayedQuantity(level.side, at: level.price) ?? 0
    taken[level] = displayed <= 0 ? nil : min(quantity, displayed)
  }
}
