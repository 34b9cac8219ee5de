import StratDiagnostics
import StratMarket
import Testing

/// The order-by-order book: level aggregation, every message kind, issues instead of traps, and
/// a long random run checked against a plain dictionary model.
@Suite struct BookOrderBookTests {
  static func add(_ id: UInt64, _ side: Side, _ price: Int64, _ qty: Int64, instrument: UInt32 = 0)
    -> OrderEvent
  {
    OrderEvent(
      timeNanos: 0,
      kind: .add,
      side: side,
      orderID: id,
      price: price,
      quantity: qty,
      instrument: instrument
    )
  }
  static func event(_ kind: OrderEvent.Kind, _ id: UInt64, _ qty: Int64 = 0) -> OrderEvent {
    OrderEvent(timeNanos: 0, kind: kind, orderID: id, quantity: qty)
  }

  @Test func aggregatesOrdersIntoSortedLevels() {
    let book = OrderBook()
    for e in [
      Self.add(1, .buy, 100, 10), Self.add(2, .buy, 101, 5), Self.add(3, .buy, 100, 7),
      Self.add(4, .sell, 103, 4), Self.add(5, .sell, 102, 6), Self.add(6, .sell, 105, 1),
    ] { #expect(book.apply(e) == nil) }
    #expect(book.bestBid == BookLevel(price: 101, quantity: 5, orders: 1))
    #expect(book.level(.buy, 1) == BookLevel(price: 100, quantity: 17, orders: 2))
    #expect(book.level(.buy, 2) == nil)
    #expect(book.bestAsk == BookLevel(price: 102, quantity: 6, orders: 1))
    #expect(book.level(.sell, 2) == BookLevel(price: 105, quantity: 1, orders: 1))
    #expect(book.levelCount(.sell) == 3 && book.orderCount == 6)
  }

  @Test func appliesCancelExecuteDeleteAndReplace() {
    let book = OrderBook()
    book.apply(Self.add(1, .buy, 100, 10))
    book.apply(Self.add(2, .buy, 100, 5))
    #expect(book.apply(Self.event(.cancel, 1, 3)) == nil)
    #expect(book.quantity(.buy, at: 100) == 12)
    #expect(book.apply(Self.event(.execute, 1, 7)) == nil)
    #expect(book.order(1) == nil)
    #expect(book.bestBid == BookLevel(price: 100, quantity: 5, orders: 1))
    var replace = Self.event(.replace, 2, 8)
    replace.newOrderID = 9
    replace.price = 99
    #expect(book.apply(replace) == nil)
    #expect(book.order(2) == nil)
    #expect(book.order(9)! == (Side.buy, 99, 8))
    #expect(book.bestBid == BookLevel(price: 99, quantity: 8, orders: 1))
    #expect(book.apply(Self.event(.delete, 9)) == nil)
    #expect(book.levelCount(.buy) == 0 && book.orderCount == 0)
  }

  @Test func tradesCrossesAndHaltsLeaveTheBookAlone() {
    let book = OrderBook()
    book.apply(Self.add(1, .sell, 100, 10))
    for kind in [OrderEvent.Kind.hiddenTrade, .crossTrade, .tradingState] {
      #expect(book.apply(Self.event(kind, 1, 10)) == nil)
    }
    #expect(book.bestAsk?.quantity == 10)
  }

  @Test func reportsMessagesItCannotApplyInsteadOfTrapping() {
    let book = OrderBook()
    book.apply(Self.add(1, .buy, 100, 10))
    #expect(book.apply(Self.event(.cancel, 42, 1))?.kind == .unknownOrder)
    #expect(book.apply(Self.event(.delete, 42))?.kind == .unknownOrder)
    #expect(book.apply(Self.add(1, .buy, 101, 1))?.kind == .duplicateOrder)
    #expect(book.apply(Self.add(2, .buy, 101, 0))?.kind == .nonPositiveQuantity)
    let over = book.apply(Self.event(.execute, 1, 15))
    #expect(over == BookIssue(kind: .overExecute, orderID: 1, requested: 15, remaining: 10))
    #expect(book.levelCount(.buy) == 0)
    #expect(book.issues.total == 5 && book.issues[.unknownOrder] == 2)
    let d = over!.diagnostic(at: DataLocation(path: "f.csv", line: 7))
    #expect(d.id == "data.book.over-execute" && d.message.contains("at most 10"))
  }

  @Test func bookSetKeepsInstrumentsApartWithOneOrderTable() {
    let books = BookSet()
    books.apply(Self.add(1, .buy, 100, 10, instrument: 3))
    books.apply(Self.add(2, .buy, 200, 20, instrument: 7))
    books.apply(Self.add(3, .sell, 300, 30, instrument: 70_000))
    #expect(books.apply(Self.add(2, .buy, 100, 1, instrument: 3))?.kind == .duplicateOrder)
    // The cancel names only the order; the order knows its instrument.
    books.apply(Self.event(.cancel, 2, 5))
    #expect(books.book(3).bestBid?.quantity == 10)
    #expect(books.book(7).bestBid?.quantity == 15)
    #expect(books.book(70_000).bestAsk?.price == 300)
    #expect(books.instruments == [3, 7, 70_000])
  }

  /// A plain model: orders in a dictionary, levels recomputed from scratch.
  struct Model {
    var orders: [UInt64: (side: Side, price: Int64, qty: Int64)] = [:]
    func levels(_ side: Side) -> [BookLevel] {
      var byPrice: [Int64: BookLevel] = [:]
      for o in orders.values where o.side == side {
        byPrice[o.price, default: BookLevel(price: o.price, quantity: 0, orders: 0)].quantity +=
          o.qty
        byPrice[o.price]!.orders += 1
      }
      return byPrice.values.sorted { side == .buy ? $0.price > $1.price : $0.price < $1.price }
    }
  }

  @Test func agreesWithAPlainModelOverARandomDay() {
    var rng = SplitMix64(seed: 7)
    let book = OrderBook(expectedOrders: 4)
    var model = Model()
    var nextID: UInt64 = 1
    var live: [UInt64] = []
    for step in 0..<60_000 {
      let roll = rng.next() % 10
      if roll < 5 || model.orders.isEmpty {
        let side: Side = rng.next() % 2 == 0 ? .buy : .sell
        let price = Int64(1000 + rng.next() % 40) * (side == .buy ? 1 : 2)
        let qty = Int64(1 + rng.next() % 500)
        // Sparse, hash-unfriendly ids exercise probing and backward-shift deletion.
        let id = nextID &* 0x1_0000_0001
        nextID += 1
        #expect(book.apply(Self.add(id, side, price, qty)) == nil)
        model.orders[id] = (side, price, qty)
        live.append(id)
      } else {
        let pick = Int(rng.next() % UInt64(live.count))
        let id = live[pick]
        let order = model.orders[id]!
        let qty = Int64(1 + rng.next() % UInt64(order.qty))
        let kind: OrderEvent.Kind = roll < 7 ? .delete : roll < 9 ? .execute : .cancel
        #expect(book.apply(Self.event(kind, id, qty)) == nil)
        if kind == .delete || qty == order.qty {
          model.orders[id] = nil
          live.swapAt(pick, live.count - 1)
          live.removeLast()
        } else {
          model.orders[id]!.qty -= qty
        }
      }
      if step % 997 == 0 || step == 59_999 {
        for side in [Side.buy, .sell] {
          let expected = model.levels(side)
          #expect((0..<expected.count).map { book.level(side, $0)! } == expected)
          #expect(book.levelCount(side) == expected.count)
        }
        #expect(book.orderCount == model.orders.count)
      }
    }
  }
}
