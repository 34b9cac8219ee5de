/// Quantities by price on one side that no known order accounts for (positive: liquidity the
/// messages never added; negative: known orders that left unseen), sorted with the best price
/// at the end like `LevelLadder`. Small: only prices the feed did not determine are here.
struct SignedLevels {
  private(set) var keys: [Int64] = []
  private(set) var quantities: [Int64] = []
  let isBid: Bool

  init(isBid: Bool) { self.isBid = isBid }

  var count: Int { keys.count }

  func key(_ price: Int64) -> Int64 { isBid ? price : 0 &- price }

  private func position(_ key: Int64) -> (Int, Bool) {
    var low = 0
    var high = keys.count
    while low < high {
      let mid = (low + high) >> 1
      if keys[mid] < key { low = mid + 1 } else { high = mid }
    }
    return (low, low < keys.count && keys[low] == key)
  }

  /// The quantity at `price` (0 when none).
  func quantity(at price: Int64) -> Int64 {
    let (i, found) = position(key(price))
    return found ? quantities[i] : 0
  }

  /// Adds `delta` at `price`, dropping the entry when it becomes 0.
  mutating func adjust(price: Int64, by delta: Int64) {
    guard delta != 0 else { return }
    let (i, found) = position(key(price))
    if !found {
      keys.insert(key(price), at: i)
      quantities.insert(delta, at: i)
    } else if quantities[i] &+ delta == 0 {
      keys.remove(at: i)
      quantities.remove(at: i)
    } else {
      quantities[i] &+= delta
    }
  }

  /// The `index`-th best entry (0 = best): price and signed quantity.
  func entry(_ index: Int) -> (price: Int64, quantity: Int64) {
    let i = keys.count - 1 - index
    return (key(keys[i]), quantities[i])
  }
}
