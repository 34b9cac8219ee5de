import StratMarket
import Testing

/// `BookSet` on the only order-level ITCH 5.0 file in reach (RITCH's synthetic day: three made-up
/// stocks, adds, executions, cancels, deletes, replaces): it reports exactly the messages about
/// orders the file never added, and every stock's levels equal a plain dictionary model's.
@Suite struct BookSetITCHTests {
  static let path =
    TestPaths.packageRoot + "/../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"

  /// Orders in a dictionary, with ITCH semantics (a replace keeps side and stock).
  struct Model {
    var orders: [UInt64: (instrument: UInt32, side: Side, price: Int64, qty: Int64)] = [:]
    var unknown = 0

    mutating func apply(_ e: OrderEvent) {
      let changesOrder = [.cancel, .execute, .delete, .replace].contains(e.kind)
      if changesOrder && orders[e.orderID] == nil {
        unknown += 1
        return
      }
      switch e.kind {
      case .add: orders[e.orderID] = (e.instrument, e.side, e.price, e.quantity)
      case .cancel, .execute:
        orders[e.orderID]!.qty -= e.quantity
        if orders[e.orderID]!.qty == 0 { orders[e.orderID] = nil }
      case .delete: orders[e.orderID] = nil
      case .replace:
        let old = orders.removeValue(forKey: e.orderID)!
        orders[e.newOrderID] = (old.instrument, old.side, e.price, e.quantity)
      default: break
      }
    }

    func levels(_ instrument: UInt32, _ side: Side) -> [BookLevel] {
      var byPrice: [Int64: BookLevel] = [:]
      for o in orders.values where o.instrument == instrument && o.side == side {
        byPrice[o.price, default: BookLevel(price: o.price, quantity: 0, orders: 0)].quantity +=
          o.qty
        byPrice[o.price]!.orders += 1
      }
      return byPrice.values.sorted { side == .buy ? $0.price > $1.price : $0.price < $1.price }
    }
  }

  @Test func agreesWithAPlainModelOnEveryStock() throws {
    let reader = try ITCHFileReader(path: Self.path)
    let books = BookSet()
    var model = Model()
    var applied = 0
    while let message = try reader.next() {
      guard let event = message.orderEvent(sessionMidnightNanos: 0) else { continue }
      let before = model.unknown
      model.apply(event)
      let issue = books.apply(event)
      #expect((issue?.kind == .unknownOrder) == (model.unknown > before), "\(event)")
      applied += 1
      guard applied % 250 == 0 else { continue }
      for instrument in books.instruments {
        for side in [Side.buy, .sell] {
          let book = books.book(instrument)
          let expected = model.levels(instrument, side)
          #expect(book.levelCount(side) == expected.count)
          #expect((0..<expected.count).map { book.level(side, $0) } == expected)
        }
      }
    }
    #expect(applied > 7_000)
    #expect(books.instruments.count == 3)
    #expect(books.issues.total == model.unknown && books.issues[.unknownOrder] == model.unknown)
    print("RITCH", applied, "events,", model.unknown, "about orders never added")
    #expect(books.orderCount == model.orders.count)
  }
}
