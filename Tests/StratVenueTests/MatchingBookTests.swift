import StratMarket
import Testing

@testable import StratVenue

@Suite struct MatchingBookTests {
  @Test func ordersAtOnePriceFillInArrivalOrder() {
    let d = BookDriver()
    let first = d.submit(.limit(.sell, 100, at: cents(1000), owner: 1)).acceptedID!
    let second = d.submit(.limit(.sell, 100, at: cents(1000), owner: 2)).acceptedID!
    let fills = d.submit(.limit(.buy, 150, at: cents(1000), owner: 3)).fills
    #expect(fills.map(\.restingOrderID) == [first, second])
    #expect(fills.map(\.quantity) == [100, 50])
    #expect(fills.map(\.matchNumber) == [1, 2])
    #expect(d.book.status(of: first) == .final)
    #expect(
      d.book.status(of: second)
        == .resting(side: .sell, price: cents(1000), remaining: 50, owner: 2)
    )
  }

  @Test func sweepsLevelsAtTheRestingPricesAndRestsTheRest() {
    let d = BookDriver()
    for price in [1002, 1000, 1001] as [Int64] {
      d.submit(.limit(.sell, 100, at: cents(price), owner: 1))
    }
    let events = d.submit(.limit(.buy, 250, at: cents(1001), owner: 2))
    #expect(events.fills.map(\.price) == [cents(1000), cents(1001)])
    #expect(events.fills.map(\.incomingRemaining) == [150, 50])
    #expect(events.rests.map(\.quantity) == [50])
    #expect(d.book.bestBid == BookLevel(price: cents(1001).raw, quantity: 50, orders: 1))
    #expect(d.book.bestAsk == BookLevel(price: cents(1002).raw, quantity: 100, orders: 1))
  }

  @Test func marketOrderWithNoLiquidityIsCancelledNotRejected() {
    let d = BookDriver()
    let events = d.submit(.market(.buy, 100, owner: 1))
    #expect(events.acceptedID == 1)
    #expect(events.cancels.map(\.reason) == [.marketUnfilled])
    #expect(events.cancels.map(\.quantity) == [100])
    #expect(events.cancels.map(\.wasResting) == [false])
    #expect(d.book.bestBid == nil)
  }

  @Test func marketOrderTakesWhatRestsAndCancelsTheRest() {
    let d = BookDriver()
    d.submit(.limit(.buy, 30, at: cents(999), owner: 1))
    d.submit(.limit(.buy, 30, at: cents(990), owner: 1))
    let events = d.submit(.market(.sell, 100, owner: 2))
    #expect(events.fills.map(\.price) == [cents(999), cents(990)])
    #expect(events.cancels.map(\.quantity) == [40])
    #expect(d.book.levelCount(.buy) == 0)
  }

  @Test func immediateOrCancelRestIsCancelled() {
    let d = BookDriver()
    d.submit(.limit(.sell, 40, at: cents(1000), owner: 1))
    let ioc = OrderRequest(
      owner: 2,
      side: .buy,
      timeInForce: .immediateOrCancel,
      price: cents(1000),
      quantity: 100
    )
    let events = d.submit(ioc)
    #expect(events.fills.map(\.quantity) == [40])
    #expect(events.cancels.map(\.reason) == [.immediateOrCancel])
    #expect(events.cancels.map(\.quantity) == [60])
    #expect(d.book.bestBid == nil && d.book.bestAsk == nil)
  }

  @Test func quantityDecreaseAtSamePriceKeepsPriority() {
    let d = BookDriver()
    let first = d.submit(.limit(.sell, 100, at: cents(1000), owner: 1)).acceptedID!
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 2))
    let replaced = d.replace(first, owner: 1, price: cents(1000), quantity: 60)
    #expect(
      replaced == [
        .replaced(
          .init(
            orderID: first,
            newOrderID: first,
            owner: 1,
            price: cents(1000),
            quantity: 60,
            previousQuantity: 100
          )
        )
      ]
    )
    let fills = d.submit(.limit(.buy, 60, at: cents(1000), owner: 3)).fills
    #expect(fills.map(\.restingOrderID) == [first])
  }

  @Test(arguments: [(1000 as Int64, 150 as Int64), (1001, 100), (1001, 50)])
  func otherReplacesLosePriority(price: Int64, quantity: Int64) {
    let d = BookDriver()
    let first = d.submit(.limit(.sell, 100, at: cents(1000), owner: 1)).acceptedID!
    let second = d.submit(.limit(.sell, 100, at: cents(1001), owner: 2)).acceptedID!
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 2))
    d.submit(.limit(.sell, 100, at: cents(1001), owner: 2))
    let events = d.replace(first, owner: 1, price: cents(price), quantity: quantity)
    guard case .replaced(let r) = events.first else { Issue.record("no replaced event"); return }
    #expect(!r.keptPriority && r.newOrderID == 5)
    #expect(events.rests.map(\.orderID) == [5])
    #expect(d.book.status(of: first) == .final)
    // The replaced order now queues behind the others at its price.
    let sweep = OrderRequest(
      owner: 3,
      side: .buy,
      timeInForce: .immediateOrCancel,
      price: cents(1001),
      quantity: 10_000
    )
    let atPrice = d.submit(sweep).fills.filter { $0.price == cents(price) }
    #expect(atPrice.last?.restingOrderID == 5)
    #expect(atPrice.count == (price == 1000 ? 2 : 3))
    #expect(atPrice.map(\.restingOrderID).contains(second) == (price == 1001))
  }

  @Test func marketableReplaceTradesAsANewOrder() {
    let d = BookDriver()
    d.submit(.limit(.sell, 100, at: cents(1001), owner: 1))
    let bid = d.submit(.limit(.buy, 100, at: cents(1000), owner: 2)).acceptedID!
    let events = d.replace(bid, owner: 2, price: cents(1001), quantity: 150)
    #expect(events.fills.map(\.quantity) == [100])
    #expect(events.rests.map(\.quantity) == [50])
    #expect(d.book.bestBid?.price == cents(1001).raw)
  }

  @Test func cancelRemovesTheRestAndFreesTheLevel() {
    let d = BookDriver()
    let id = d.submit(.limit(.buy, 100, at: cents(1000), owner: 1)).acceptedID!
    #expect(
      d.cancel(id, owner: 1).cancels == [
        .init(orderID: id, owner: 1, quantity: 100, reason: .user, wasResting: true)
      ]
    )
    #expect(d.book.levelCount(.buy) == 0 && d.book.restingOrderCount == 0)
  }

  @Test(arguments: [SelfMatchPolicy.cancelResting, .cancelIncoming, .cancelBoth])
  func selfMatchPrevention(policy: SelfMatchPolicy) {
    let d = BookDriver(policy)
    let own = d.submit(.limit(.sell, 100, at: cents(1000), owner: 7)).acceptedID!
    let other = d.submit(.limit(.sell, 100, at: cents(1001), owner: 8)).acceptedID!
    let events = d.submit(.limit(.buy, 150, at: cents(1001), owner: 7))
    let incoming = events.acceptedID!
    let cancelled = events.cancels.map { ($0.orderID, $0.quantity) }
    switch policy {
    case .cancelResting:
      #expect(cancelled.map(\.0) == [own])
      #expect(events.fills.map(\.restingOrderID) == [other])
      #expect(events.rests.map(\.quantity) == [50])
    case .cancelIncoming:
      #expect(cancelled.map(\.0) == [incoming] && cancelled.map(\.1) == [150])
      #expect(events.fills.isEmpty)
      #expect(d.book.status(of: own) != .final)
    case .cancelBoth:
      #expect(cancelled.map(\.0) == [own, incoming])
      #expect(events.fills.isEmpty)
    }
    #expect(events.cancels.allSatisfy { $0.reason == .selfMatch })
  }

  @Test func statusTellsRestingFinalAndUnknown() {
    let d = BookDriver()
    let id = d.submit(.limit(.buy, 10, at: cents(1000), owner: 1)).acceptedID!
    #expect(
      d.book.status(of: id) == .resting(side: .buy, price: cents(1000), remaining: 10, owner: 1)
    )
    d.cancel(id, owner: 1)
    #expect(d.book.status(of: id) == .final)
    #expect(d.book.status(of: 99) == .unknown)
  }
}

@Suite struct FillOrKillTests {
  static func fok(_ quantity: Int64, _ price: Int64, owner: UInt32 = 3) -> OrderRequest {
    OrderRequest(
      owner: owner,
      side: .buy,
      timeInForce: .fillOrKill,
      price: cents(price),
      quantity: quantity
    )
  }

  @Test func fillsInFullAcrossLevels() {
    let d = BookDriver()
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 1))
    d.submit(.limit(.sell, 100, at: cents(1001), owner: 2))
    let events = d.submit(Self.fok(150, 1001))
    #expect(events.fills.map(\.quantity) == [100, 50])
    #expect(events.cancels.isEmpty && events.rests.isEmpty)
  }

  @Test func killedWithoutTradingWhenTheBookIsShort() {
    let d = BookDriver()
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 1))
    d.submit(.limit(.sell, 100, at: cents(1002), owner: 2))
    let events = d.submit(Self.fok(150, 1001))
    #expect(events.fills.isEmpty)
    #expect(
      events.cancels.map(\.reason) == [.fillOrKill] && events.cancels.map(\.quantity) == [150]
    )
    #expect(d.book.bestAsk == BookLevel(price: cents(1000).raw, quantity: 100, orders: 1))
  }

  @Test(arguments: [SelfMatchPolicy.cancelResting, .cancelIncoming])
  func ownOrdersNeverCountAsLiquidity(policy: SelfMatchPolicy) {
    let d = BookDriver(policy)
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 3))
    d.submit(.limit(.sell, 100, at: cents(1000), owner: 1))
    let events = d.submit(Self.fok(100, 1000))
    // Cancelling its own resting order first, the FOK fills; stopped at it, it is killed.
    #expect(events.fills.map(\.quantity) == (policy == .cancelResting ? [100] : []))
    #expect(
      events.cancels.map(\.reason) == (policy == .cancelResting ? [.selfMatch] : [.fillOrKill])
    )
  }
}
