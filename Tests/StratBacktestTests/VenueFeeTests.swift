import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Maker and taker fees, per share or per notional, rebates: exact fixed point.
@Suite struct VenueFeeTests {
  static let book = VenueTestBook(bids: [("99.99", 100)], asks: [("100.01", 100), ("100.02", 100)])

  @Test func chargesTakerPerNotionalAndPaysMakerRebatePerShare() throws {
    let fees = VenueFees(maker: .perShare(cash("-0.002")), taker: .perNotional(try Rate("0.0005")))
    let h = try VenueHarness(VenueConfig(fees: fees), book: Self.book)
    h.venue.submit(.market(instrument: 0, side: .buy, quantity: 150), decidedAt: 0)
    h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 30, price: px("100.00")),
      decidedAt: 0
    )
    h.send(Ev.add(1, .sell, "99.995", 30))
    #expect(h.fills.map(\.liquidity) == [.taker, .taker, .maker])
    // 100 × 100.01 × 0.0005 = 5.0005; 50 × 100.02 × 0.0005 = 2.5005; 30 × −0.002 = −0.06.
    #expect(h.fills.map(\.fee) == [cash("5.0005"), cash("2.5005"), cash("-0.06")])
  }

  @Test(arguments: [("0.5", "5.00000001"), ("-0.5", "-5.00000001"), ("0.00000001", "0.0000001")])
  func roundsPerNotionalHalfAwayFromZero(rate: String, expected: String) throws {
    let fee = VenueFeeRate.perNotional(try Rate(rate)).fee(price: px("10.00000001"), quantity: 1)
    #expect(fee == cash(expected))
  }

  @Test func perShareIsExactAndOverflowIsReportedNotWrapped() throws {
    #expect(VenueFeeRate.perShare(cash("0.0035")).fee(price: 1, quantity: 7) == cash("0.0245"))
    #expect(VenueFeeRate.perShare(Money(raw: .max / 2)).fee(price: 1, quantity: 3) == nil)
    #expect(VenueFeeRate.perNotional(Rate(raw: 1)).fee(price: .max, quantity: 2) == nil)
    #expect(VenueFeeRate.none.fee(price: .max, quantity: .max) == .zero)
  }

  @Test func aFeeOverflowIsADiagnosticAndTheFillStands() throws {
    let fees = VenueFees(taker: .perShare(Money(raw: .max / 2)))
    let h = try VenueHarness(VenueConfig(fees: fees), book: Self.book)
    h.venue.submit(.market(instrument: 0, side: .sell, quantity: 3), decidedAt: 0)
    h.send(Ev.tick(1))
    #expect(h.filledQuantities == [3])
    #expect(h.report.diagnostics.map(\.id) == ["venue.fee.overflow"])
  }
}
