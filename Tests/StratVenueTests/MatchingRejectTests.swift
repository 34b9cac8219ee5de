import StratMarket
import Testing

@testable import StratVenue

@Suite struct MatchingRejectTests {
  @Test(arguments: [
    (OrderRequest.limit(.buy, 0, at: cents(1000), owner: 1), RejectReason.badQuantity),
    (.limit(.buy, -5, at: cents(1000), owner: 1), .badQuantity),
    (.limit(.buy, 10_001, at: cents(1000), owner: 1), .badQuantity),
    (.market(.buy, 0, owner: 1), .badQuantity),
    (.limit(.buy, 10, at: .zero, owner: 1), .badPrice),
    (.limit(.buy, 10, at: cents(-1000), owner: 1), .badPrice),
    (.limit(.buy, 10, at: Price(raw: 1_000_500_000), owner: 1), .badPrice),
    (
      .limit(
        .buy,
        10,
        at: Price(raw: MatchingInstrument.maximumFeedPrice.raw + 1_000_000),
        owner: 1
      ), .badPrice
    ),
  ])
  func rejectsBadOrdersWithTheirReason(request: OrderRequest, reason: RejectReason) {
    let d = BookDriver()
    #expect(d.submit(request) == [.rejected(owner: 1, reason: reason)])
    #expect(d.book.sequences.nextOrderID == 1)
  }

  @Test func rejectsWhenTheBookIsFull() {
    let d = BookDriver(capacity: 2)
    d.submit(.limit(.buy, 10, at: cents(1000), owner: 1))
    d.submit(.limit(.buy, 10, at: cents(999), owner: 1))
    #expect(
      d.submit(.limit(.buy, 10, at: cents(998), owner: 1)) == [
        .rejected(owner: 1, reason: .bookFull)
      ]
    )
    // An IOC needs no slot.
    let ioc = OrderRequest(
      owner: 1,
      side: .buy,
      timeInForce: .immediateOrCancel,
      price: cents(998),
      quantity: 10
    )
    #expect(d.submit(ioc).acceptedID != nil)
  }

  @Test func cancelRejects() {
    let d = BookDriver()
    let id = d.submit(.limit(.buy, 10, at: cents(1000), owner: 1)).acceptedID!
    #expect(
      d.cancel(42, owner: 1) == [
        .cancelRejected(orderID: 42, owner: 1, isReplace: false, reason: .unknownOrder)
      ]
    )
    #expect(
      d.cancel(id, owner: 2) == [
        .cancelRejected(orderID: id, owner: 2, isReplace: false, reason: .notOwner)
      ]
    )
    d.cancel(id, owner: 1)
    #expect(
      d.cancel(id, owner: 1) == [
        .cancelRejected(orderID: id, owner: 1, isReplace: false, reason: .tooLateToCancel)
      ]
    )
  }

  @Test(arguments: [
    (cents(1000), 10 as Int64, RejectReason.duplicateReplace),
    (cents(1000), 0, .badQuantity),
    (Price(raw: 5), 10, .badPrice),
  ])
  func replaceRejects(price: Price, quantity: Int64, reason: RejectReason) {
    let d = BookDriver()
    let id = d.submit(.limit(.buy, 10, at: cents(1000), owner: 1)).acceptedID!
    #expect(
      d.replace(id, owner: 1, price: price, quantity: quantity)
        == [.cancelRejected(orderID: id, owner: 1, isReplace: true, reason: reason)]
    )
    #expect(
      d.book.status(of: id) == .resting(side: .buy, price: cents(1000), remaining: 10, owner: 1)
    )
  }

  @Test func unknownInstrumentIsRejectedByTheEngine() throws {
    let engine = try MatchingEngine(instruments: [testInstrument])
    let events = MatchingEvents()
    engine.submit(.limit(.buy, 10, at: cents(1000), owner: 1), locate: 9, into: events)
    engine.cancel(orderID: 1, owner: 1, locate: 9, into: events)
    #expect(
      Array(events) == [
        .rejected(owner: 1, reason: .unknownInstrument),
        .cancelRejected(orderID: 1, owner: 1, isReplace: false, reason: .unknownInstrument),
      ]
    )
  }

  @Test func everyReasonHasItsOwnStableID() {
    let ids = RejectReason.allCases.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.hasPrefix("venue.order.") })
  }

  static func modified(_ change: (inout MatchingInstrument) -> Void) -> MatchingInstrument {
    var instrument = testInstrument
    change(&instrument)
    return instrument
  }

  @Test(arguments: [
    ([testInstrument, testInstrument], MatchingConfigError.duplicateSymbol("TEST")),
    ([testInstrument, modified { $0.symbol = "B" }], .duplicateLocate(1)),
    ([modified { $0.locate = 0 }], .badLocate("TEST")),
    ([modified { $0.tickSize = Price(raw: 5) }], .badTickSize("TEST")),
    ([modified { $0.tickSize = .zero }], .badTickSize("TEST")),
    ([modified { $0.maxOrderQuantity = 0 }], .badMaxQuantity("TEST")),
    ([modified { $0.maxOrderQuantity = Int64(UInt32.max) + 1 }], .badMaxQuantity("TEST")),
    (
      [modified { $0.maxPrice = Price(raw: MatchingInstrument.maximumFeedPrice.raw + 1) }],
      .badMaxPrice("TEST")
    ),
  ])
  func engineRefusesABadInstrumentList(
    instruments: [MatchingInstrument],
    error: MatchingConfigError
  ) {
    #expect(throws: error) { try MatchingEngine(instruments: instruments) }
    #expect(error.description.hasPrefix("error[\(error.id)]: "))
  }

}
