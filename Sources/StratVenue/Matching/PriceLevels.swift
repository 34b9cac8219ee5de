/// One price level: its orders' total and count, and the ends of its FIFO of pool slots.
struct PriceLevel {
  var price: Int64
  var quantity: Int64
  var orders: Int32
  var head: Int32
  var tail: Int32
}

/// One side's levels, sorted so that the best is last (bids ascending, asks descending): the
/// touch is read, emptied and refilled at the end, where inserting moves nothing, and a level
/// deeper in is found by binary search. One block, doubled if the levels outgrow it (rare; the
/// steady state allocates nothing).
struct PriceLevels {
  let isBid: Bool
  private(set) var count = 0
  private var capacity: Int
  private var levels: UnsafeMutablePointer<PriceLevel>

  init(isBid: Bool, capacity: Int) {
    self.isBid = isBid
    self.capacity = max(16, capacity)
    levels = .allocate(capacity: self.capacity)
  }

  func deallocate() { levels.deallocate() }

  /// True when `a` is a better price than `b` for this side.
  @inline(__always)
  func isBetter(_ a: Int64, than b: Int64) -> Bool { isBid ? a > b : a < b }

  /// The best level, in place; nil when the side is empty.
  @inline(__always)
  var best: UnsafeMutablePointer<PriceLevel>? { count > 0 ? levels + (count - 1) : nil }

  /// The `depth`-th best level (0 = best), in place.
  func level(depth: Int) -> UnsafeMutablePointer<PriceLevel>? {
    depth >= 0 && depth < count ? levels + (count - 1 - depth) : nil
  }

  /// Where `price` is or would go: the first index whose price is not worse than `price`.
  private func position(of price: Int64) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if isBetter(price, than: levels[middle].price) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The level at `price`, in place, if there is one.
  func find(_ price: Int64) -> UnsafeMutablePointer<PriceLevel>? {
    let index = position(of: price)
    return index < count && levels[index].price == price ? levels + index : nil
  }

  /// The level at `price`, created empty if there is none.
  mutating func findOrInsert(_ price: Int64) -> UnsafeMutablePointer<PriceLevel> {
    let index = position(of: price)
    if index < count && levels[index].price == price { return levels + index }
    if count == capacity { grow() }
    (levels + index + 1).moveInitialize(from: levels + index, count: count - index)
    (levels + index).initialize(
      to: PriceLevel(price: price, quantity: 0, orders: 0, head: -1, tail: -1)
    )
    count += 1
    return levels + index
  }

  /// Removes the (empty) level at `price`.
  mutating func remove(_ price: Int64) {
    let index = position(of: price)
    guard index < count && levels[index].price == price else { return }
    (levels + index).moveInitialize(from: levels + index + 1, count: count - index - 1)
    count -= 1
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<PriceLevel>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: levels, count: count)
    levels.deallocate()
    levels = bigger
    capacity *= 2
  }
}
