import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Order ids, states, cancels and replaces — and their races with fills.
@Suite struct VenueLifecycleTests {
  static let book = VenueTestBook(bids: [("100.00", 300), ("99.99", 500)], asks: [("100.02", 400)])
  static let latency = VenueConfig(orderLatency: .constant(nanos: 1_000))

  /// A buy of 50 resting at 100.00 behind 300, arrived at 1,000.
  static func resting() throws -> (VenueHarness, UInt64) {
    let h = try VenueHarness(latency, book: book)
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 50, price: px("100.00")),
      decidedAt: 0
    )
    h.send(Ev.tick(1_000))
    return (h, id)
  }

  @Test func assignsIDsInOrderAndTracksStates() throws {
    let (h, id) = try Self.resting()
    #expect(id == 1)
    #expect(h.venue.submit(.market(instrument: 0, side: .buy, quantity: 1), decidedAt: 1_000) == 2)
    #expect(h.venue.order(2)?.state == .pendingNew)
    #expect(h.venue.order(id)?.state == .open)
    #expect(h.venue.order(99) == nil)
    #expect(h.report.updates.map(\.time) == [1_000])
  }

  @Test func aFillBeforeTheCancelArrivesStands() throws {
    let (h, id) = try Self.resting()
    h.venue.cancel(orderID: id, decidedAt: 2_000)
    h.send(Ev.add(2_400, .buy, "100.00", 100))
    h.send(Ev.execute(2_500, .buy, "100.00", 320))
    h.send(Ev.tick(3_000))
    #expect(h.filledQuantities == [20])
    #expect(h.updates(of: id) == [.accepted, .cancelled(.requested)])
    #expect(h.report.updates.last?.time == 3_000)
    #expect(h.venue.order(id)?.state == .cancelled)
    #expect(h.venue.order(id)?.filledQuantity == 20)
    // A print after the cancel arrived fills nothing.
    h.send(Ev.execute(3_001, .buy, "99.99", 500))
    #expect(h.filledQuantities == [20])
  }

  @Test func aCancelArrivingAfterTheOrderFilledIsRejected() throws {
    let (h, id) = try Self.resting()
    h.venue.cancel(orderID: id, decidedAt: 2_000)
    h.send(Ev.execute(2_999, .buy, "100.00", 300))
    h.send(Ev.execute(2_999, .buy, "99.99", 400))
    h.send(Ev.tick(3_000))
    #expect(h.filledQuantities == [50])
    #expect(h.updates(of: id) == [.accepted, .requestRejected(.orderClosed)])
    #expect(h.venue.order(id)?.state == .filled)
    h.venue.cancel(orderID: 42, decidedAt: 3_000)
    h.advance(to: 4_000)
    #expect(h.updates(of: 42) == [.requestRejected(.unknownOrder)])
  }

  @Test func replacingDownInQuantityKeepsThePlaceInTheQueue() throws {
    let (h, id) = try Self.resting()
    h.send(Ev.execute(1_500, .buy, "100.00", 200))
    h.send(Ev.add(1_600, .buy, "100.00", 1_000))
    h.venue.replace(orderID: id, quantity: 30, price: px("100.00"), decidedAt: 1_600)
    h.send(Ev.tick(2_600))
    #expect(h.updates(of: id) == [.accepted, .replaced(keptPriority: true)])
    #expect(h.venue.order(id)?.queueAhead == 100)
    #expect(h.venue.order(id)?.quantity == 30)
    h.send(Ev.execute(2_700, .buy, "100.00", 200))
    #expect(h.filledQuantities == [30])
  }

  @Test func replacingUpInQuantityOrPriceLosesThePlace() throws {
    let (h, id) = try Self.resting()
    h.send(Ev.add(1_600, .buy, "100.00", 1_000))
    h.venue.replace(orderID: id, quantity: 60, price: px("100.00"), decidedAt: 1_600)
    h.send(Ev.tick(2_600))
    #expect(h.updates(of: id) == [.accepted, .replaced(keptPriority: false)])
    #expect(h.venue.order(id)?.queueAhead == 1_300)
    // A replace to a marketable price takes liquidity on arrival, as a new order would.
    h.venue.replace(orderID: id, quantity: 60, price: px("100.02"), decidedAt: 2_600)
    h.send(Ev.tick(3_600))
    #expect(h.filledQuantities == [60])
    #expect(h.fills.first?.liquidity == .taker)
    #expect(h.venue.order(id)?.state == .filled)
  }
}

extension VenueLifecycleTests {
  @Test func duringAHaltAReplaceMayReduceButNotReEnter() throws {
    let (h, id) = try Self.resting()
    h.send(OrderEvent(timeNanos: 1_100, kind: .tradingState, quantity: 1))
    h.venue.replace(orderID: id, quantity: 40, price: px("100.00"), decidedAt: 1_100)
    h.venue.replace(orderID: id, quantity: 40, price: px("99.99"), decidedAt: 1_100)
    h.send(Ev.tick(2_100))
    #expect(
      h.updates(of: id) == [
        .accepted, .replaced(keptPriority: true), .requestRejected(.halted),
      ]
    )
    #expect(h.venue.order(id)?.price == px("100.00"))
    #expect(h.venue.order(id)?.remainingQuantity == 40)
  }
}
