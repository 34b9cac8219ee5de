import StratMarket

/// The displayed liquidity our orders have already taken from one instrument's historical book,
/// which our orders never change. Without it two market orders in a row would both buy the same
/// 100 displayed shares.
///
/// The rule: at a level where we took `c` of `d` displayed, we may take `d − c` more. When the
/// level's displayed quantity shrinks (cancels, executions by others), the shrink is taken from
/// the part we did not consume first, so `c` becomes `min(c, d)` (conservative: the liquidity we
/// took stays taken). New quantity added at the level is available to us. When the level empties
/// or disappears, the entry is dropped: the book has refreshed. A level beyond the end of a
/// depth-limited view keeps its entry.
struct ConsumedLiquidity {
  struct Entry {
    var side: Side
    var price: Int64
    var quantity: Int64
  }

  private(set) var entries: [Entry] = []

  /// Returns how much of `displayed` at (`side`, `price`) we already took.
  func quantity(_ side: Side, _ price: Int64, displayed: Int64) -> Int64 {
    for entry in entries where entry.side == side && entry.price == price {
      return min(entry.quantity, max(0, displayed))
    }
    return 0
  }

  /// Records that we took `quantity` more at (`side`, `price`).
  mutating func add(_ side: Side, _ price: Int64, _ quantity: Int64) {
    guard quantity > 0 else { return }
    for i in entries.indices where entries[i].side == side && entries[i].price == price {
      entries[i].quantity += quantity
      return
    }
    entries.append(Entry(side: side, price: price, quantity: quantity))
  }

  /// Applies the rule above against the book as it stands now.
  mutating func refresh<Book: BookView>(from book: Book) {
    guard !entries.isEmpty else { return }
    var i = 0
    while i < entries.count {
      // Beyond a depth-limited view: keep the entry (conservative).
      let displayed = book.displayedQuantity(entries[i].side, at: entries[i].price) ?? .max
      if displayed <= 0 {
        entries.swapAt(i, entries.count - 1)
        entries.removeLast()
      } else {
        entries[i].quantity = min(entries[i].quantity, displayed)
        i += 1
      }
    }
  }
}
