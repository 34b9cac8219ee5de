/// The price levels of one side of a book, in one array sorted so that the best level is at
/// the end: most messages touch the top few levels, where inserting or removing a level moves
/// only the few entries above it. One array of small structs (not one array per field) so that
/// a level costs one cache line, not three.
///
/// Levels are kept by key = price for bids and -price for asks, so both sides sort ascending
/// with the best at the end.
@usableFromInline
struct LevelLadder {
  /// One level: key (signed price), total quantity, order count.
  @usableFromInline
  struct Entry {
    @usableFromInline var key: Int64
    @usableFromInline var quantity: Int64
    @usableFromInline var orders: Int32

    @usableFromInline
    init(key: Int64, quantity: Int64, orders: Int32) {
      self.key = key
      self.quantity = quantity
      self.orders = orders
    }
  }

  @usableFromInline var entries: [Entry] = []
  @usableFromInline let isBid: Bool

  @usableFromInline
  init(isBid: Bool) { self.isBid = isBid }

  /// Number of levels.
  @inlinable var count: Int { entries.count }

  @inlinable @inline(__always)
  func key(_ price: Int64) -> Int64 { isBid ? price : 0 &- price }

  /// The index of `key`, or where it would be inserted: a short scan from the top, then a
  /// binary search below it.
  @inlinable @inline(__always)
  func position(_ key: Int64) -> (index: Int, found: Bool) {
    var i = entries.count
    let floor = Swift.max(0, i - 8)
    while i > floor {
      let k = entries[i - 1].key
      if k == key { return (i - 1, true) }
      if k < key { return (i, false) }
      i -= 1
    }
    var low = 0
    var high = floor
    while low < high {
      let mid = (low + high) >> 1
      if entries[mid].key < key { low = mid + 1 } else { high = mid }
    }
    return (low, low < floor && entries[low].key == key)
  }

  /// Adds one order of `quantity` at `price`.
  @inlinable
  mutating func add(price: Int64, quantity: Int64) {
    let k = key(price)
    let (i, found) = position(k)
    if found {
      entries[i].quantity &+= quantity
      entries[i].orders &+= 1
    } else {
      entries.insert(Entry(key: k, quantity: quantity, orders: 1), at: i)
    }
  }

  /// Takes `quantity` off the level at `price` and, when `removesOrder`, one order; removes the
  /// level when no order is left. Returns false when there is no such level.
  @inlinable
  mutating func reduce(price: Int64, quantity: Int64, removesOrder: Bool) -> Bool {
    let (i, found) = position(key(price))
    guard found else { return false }
    entries[i].quantity &-= quantity
    if removesOrder { entries[i].orders &-= 1 }
    if entries[i].orders <= 0 { entries.remove(at: i) }
    return true
  }

  /// The `index`-th best level (0 = best), or nil.
  @inlinable
  func level(_ index: Int) -> BookLevel? {
    guard index >= 0, index < entries.count else { return nil }
    let e = entries[entries.count - 1 - index]
    return BookLevel(price: key(e.key), quantity: e.quantity, orders: e.orders)
  }

  /// The total quantity resting at `price` (0 when there is no level).
  @inlinable
  func quantity(at price: Int64) -> Int64 {
    let (i, found) = position(key(price))
    return found ? entries[i].quantity : 0
  }

  /// Removes every level.
  mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
}
