/// Reading a seeded book's levels: known orders merged with unexplained quantity, best first.
///
/// Masked levels — known orders whose quantity a reference took off (`setQuantity` to 0) —
/// gather at the best end of a book rebuilt from a cut feed (a LOBSTER day converted to ITCH
/// keeps orders cancelled out of view), and every read walked all of them. Two things keep a
/// read short: the best `cached` levels of each side are kept until the book changes, and a
/// refill starts where the previous one found its first positive level, unless a change
/// touched a price better than that level.
extension SeededBook {
  /// The first positive level of a side as last found: its position in the known ladder and in
  /// the unexplained entries (counted from the best end), and its price. Every entry better
  /// than `price` totals ≤ 0; changes at `price` or worse keep that true and do not move the
  /// positions (both count from the best end).
  struct LevelHint {
    var known = 0
    var extra = 0
    var price: Int64 = 0
    var valid = false
  }

  /// Drops `side`'s hint when a change at `price` may alter the levels better than it.
  @inline(__always)
  func touched(_ side: Side, _ price: Int64) {
    let s = Int(side.rawValue)
    guard hints[s].valid else { return }
    // A change at the hint's own price or worse leaves the entries better than it as they were,
    // at the same positions from the best end.
    let better = side == .buy ? price > hints[s].price : price < hints[s].price
    if better { hints[s].valid = false }
  }

  /// The levels of `side` with a positive total, best first, at most `limit` of them, and only
  /// prices at or better than `bound` when given. Order counts are the known orders only.
  public func levels(_ side: Side, limit: Int = .max, within bound: Int64? = nil) -> [BookLevel] {
    var out: [BookLevel] = []
    var start = (0, 0)
    walk(side, within: bound, from: &start) { level in
      out.append(level)
      return out.count < limit
    }
    return out
  }

  /// Number of levels with a positive total on `side`.
  public func levelCount(_ side: Side) -> Int {
    let s = fillCache(side)
    if cachedAll[s] { return cachedCount[s] }
    var count = 0
    var start = (0, 0)
    walk(side, within: nil, from: &start) { _ in
      count += 1
      return true
    }
    return count
  }

  /// The `index`-th best level with a positive total on `side`: from the cache for the top
  /// levels, else by walking them.
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    guard index >= 0 else { return nil }
    let s = fillCache(side)
    if index < cachedCount[s] { return cache[s * Self.cached + index] }
    if cachedAll[s] { return nil }
    var seen = 0
    var found: BookLevel?
    var start = (0, 0)
    walk(side, within: nil, from: &start) { level in
      if seen == index {
        found = level
        return false
      }
      seen += 1
      return true
    }
    return found
  }

  /// Refills `side`'s cache when the book changed since, from the side's hint; returns the
  /// side's index.
  @inline(__always)
  func fillCache(_ side: Side) -> Int {
    let s = Int(side.rawValue)
    guard cachedAt[s] != changes else { return s }
    var count = 0
    let base = cache + s * Self.cached
    var all = true
    var start = hints[s].valid ? (hints[s].known, hints[s].extra) : (0, 0)
    walk(side, within: nil, from: &start) { level in
      guard count < Self.cached else {
        all = false
        return false
      }
      base[count] = level
      count += 1
      return true
    }
    hints[s] = count > 0 ? LevelHint(known: start.0, extra: start.1, price: base[0].price, valid: true) : LevelHint()
    cachedCount[s] = count
    cachedAll[s] = all
    cachedAt[s] = changes
    return s
  }

  /// Visits the levels of `side` with a positive total (known orders merged with unexplained
  /// quantity at the same price), best first, at or better than `bound`, until `visit` says
  /// stop. Starts at positions `start` (known, unexplained), and leaves there the positions of
  /// the first level it visited.
  @inline(__always)
  func walk(_ side: Side, within bound: Int64?, from start: inout (Int, Int), _ visit: (BookLevel) -> Bool) {
    let extra = unexplained[Int(side.rawValue)]
    let isBid = side == .buy
    @inline(__always) func better(_ a: Int64, _ b: Int64) -> Bool { isBid ? a > b : a < b }
    @inline(__always) func inside(_ p: Int64) -> Bool {
      guard let bound else { return true }
      return p == bound || better(p, bound)
    }
    var (i, j) = start
    var first = true
    while true {
      let known = book.level(side, i).flatMap { inside($0.price) ? $0 : nil }
      let other = j < extra.count && inside(extra.entry(j).price) ? extra.entry(j) : nil
      guard known != nil || other != nil else { return }
      let at = (i, j)
      var level: BookLevel
      if let k = known, other == nil || better(k.price, other!.price) || k.price == other!.price {
        level = k
        i += 1
        if let o = other, o.price == k.price {
          level.quantity &+= o.quantity
          j += 1
        }
      } else {
        level = BookLevel(price: other!.price, quantity: other!.quantity, orders: 0)
        j += 1
      }
      guard level.quantity > 0 else { continue }
      if first {
        start = at
        first = false
      }
      if !visit(level) { return }
    }
  }
}
