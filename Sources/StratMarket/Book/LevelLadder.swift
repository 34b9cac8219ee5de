/// The price levels of one side of a book, in arrays sorted so that the best level is at the
/// end: most messages touch the top few levels, where inserting or removing a level moves only
/// the few entries above it.
///
/// Levels are kept by key = price for bids and -price for asks, so both sides sort ascending
/// with the best at the end.
@usableFromInline
struct LevelLadder {
  @usableFromInline var keys: [Int64] = []
  @usableFromInline var quantities: [Int64] = []
  @usableFromInline var orders: [Int32] = []
  @usableFromInline let isBid: Bool

  @usableFromInline
  init(isBid: Bool) { self.isBid = isBid }

  /// Number of levels.
  @inlinable var count: Int { keys.count }

  @inlinable @inline(__always)
  func key(_ price: Int64) -> Int64 { isBid ? price : 0 &- price }

  /// The index of `key`, or where it would be inserted: a short scan from the top, then a
  /// binary search below it.
  @inlinable @inline(__always)
  func position(_ key: Int64) -> (index: Int, found: Bool) {
    var i = keys.count
    let floor = Swift.max(0, i - 8)
    while i > floor {
      let k = keys[i - 1]
      if k == key { return (i - 1, true) }
      if k < key { return (i, false) }
      i -= 1
    }
    var low = 0
    var high = floor
    while low < high {
      let mid = (low + high) >> 1
      if keys[mid] < key { low = mid + 1 } else { high = mid }
    }
    return (low, low < floor && keys[low] == key)
  }

  /// Adds one order of `quantity` at `price`.
  @inlinable
  mutating func add(price: Int64, quantity: Int64) {
    let k = key(price)
    let (i, found) = position(k)
    if found {
      quantities[i] &+= quantity
      orders[i] &+= 1
    } else {
      keys.insert(k, at: i)
      quantities.insert(quantity, at: i)
      orders.insert(1, at: i)
    }
  }

  /// Takes `quantity` off the level at `price` and, when `removesOrder`, one order; removes the
  /// level when no order is left. Returns false when there is no such level.
  @inlinable
  mutating func reduce(price: Int64, quantity: Int64, removesOrder: Bool) -> Bool {
    let (i, found) = position(key(price))
    guard found else { return false }
    quantities[i] &-= quantity
    if removesOrder { orders[i] &-= 1 }
    if orders[i] <= 0 {
      keys.remove(at: i)
      quantities.remove(at: i)
      orders.remove(at: i)
    }
    return true
  }

  /// The `index`-th best level (0 = best), or nil.
  @inlinable
  func level(_ index: Int) -> BookLevel? {
    guard index >= 0, index < keys.count else { return nil }
    let i = keys.count - 1 - index
    return BookLevel(price: key(keys[i]), quantity: quantities[i], orders: orders[i])
  }

  /// The total quantity resting at `price` (0 when there is no level).
  @inlinable
  func quantity(at price: Int64) -> Int64 {
    let (i, found) = position(key(price))
    return found ? quantities[i] : 0
  }

  /// Removes every level.
  mutating func removeAll() {
    keys.removeAll(keepingCapacity: true)
    quantities.removeAll(keepingCapacity: true)
    orders.removeAll(keepingCapacity: true)
  }
}
