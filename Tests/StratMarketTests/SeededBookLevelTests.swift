import StratMarket
import Testing

/// A seeded book's level reads (the cache and the hint that skips masked levels) against the
/// plain merged walk (`levels`), after every change of a random stream that masks levels the
/// way a cut feed does: a new order clears the levels it crosses with `setQuantity(…, 0)`.
@Suite struct SeededBookLevelTests {
  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func everyReadEqualsTheMergedWalk(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let book = SeededBook(takesStatedSizes: seed % 2 == 0)
    var live: [UInt64] = []
    var next: UInt64 = 1
    for step in 0..<3_000 {
      let side: Side = Bool.random(using: &random) ? .buy : .sell
      let price = Int64.random(in: 90...110, using: &random) * 1_000_000
      switch Int.random(in: 0..<10, using: &random) {
      case 0..<4:
        book.apply(OrderEvent(timeNanos: 0, kind: .add, side: side, orderID: next, price: price, quantity: Int64.random(in: 1...50, using: &random)))
        live.append(next)
        next += 1
        // Clear what the new order crosses, as ReplayedBook does for a book rebuilt from messages.
        while let top = book.level(side.opposite, 0), side == .buy ? top.price <= price : top.price >= price {
          book.setQuantity(side.opposite, at: top.price, to: 0)
        }
      case 4..<6 where !live.isEmpty:
        let k = Int.random(in: 0..<live.count, using: &random)
        book.apply(OrderEvent(timeNanos: 0, kind: .delete, side: side, orderID: live.remove(at: k), price: 0, quantity: 0))
      case 6 where !live.isEmpty:
        let id = live[Int.random(in: 0..<live.count, using: &random)]
        book.apply(OrderEvent(timeNanos: 0, kind: .execute, side: side, orderID: id, price: 0, quantity: Int64.random(in: 1...20, using: &random)))
      case 7 where !live.isEmpty:
        let k = Int.random(in: 0..<live.count, using: &random)
        book.apply(OrderEvent(timeNanos: 0, kind: .replace, side: side, orderID: live[k], newOrderID: next, price: price, quantity: 10))
        live[k] = next
        next += 1
      case 8:
        book.apply(OrderEvent(timeNanos: 0, kind: .cancel, side: side, orderID: 999_999, price: price, quantity: 5))
      default:
        book.setQuantity(side, at: price, to: Int64.random(in: 0...30, using: &random))
      }
      for s in [Side.buy, .sell] {
        let all = book.levels(s)
        let read = (0..<min(all.count + 2, 24)).map { book.level(s, $0) }
        let want = (0..<min(all.count + 2, 24)).map { $0 < all.count ? all[$0] : nil }
        guard book.levelCount(s) == all.count, read == want else {
          Issue.record("seed \(seed) step \(step) side \(s): read \(read.prefix(4)), the walk \(want.prefix(4))")
          return
        }
      }
    }
  }
}
