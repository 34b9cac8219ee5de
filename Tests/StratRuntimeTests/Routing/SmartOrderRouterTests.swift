import StratMarket
import Testing

@testable import StratRuntime

/// The router as the OMS sees it: one order, whatever the number of venues' child orders;
/// reports deduplicated per venue; TCA per fill. The venues here are scripted gateways (the
/// FIX path is EngineRoutedTests, against two strat-venues).
@Suite struct SmartOrderRouterTests {
  final class Scripted: RemoteVenue {
    var submitted: [VenueOrderRequest] = []
    var cancelled: [UInt64] = []
    var replaced: [UInt64] = []
    var pending = VenueReport()
    func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
      submitted.append(order)
      return order.id
    }
    func cancel(orderID: UInt64, decidedAt: Int64) { cancelled.append(orderID) }
    func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) { replaced.append(orderID) }
    func openOrders() -> [VenueOrderStatus] { [] }
    func order(_ id: UInt64) -> VenueOrderStatus? { nil }
    func drain(into report: inout VenueReport) {
      report.fills += pending.fills
      report.updates += pending.updates
      pending.removeAll()
    }
  }

  final class Book: VenueQuotes {
    var bids: [QuoteLevel]
    var asks: [QuoteLevel]
    init(bid: Int64, ask: Int64, size: Int64) {
      bids = [QuoteLevel(price: bid, size: size)]
      asks = [QuoteLevel(price: ask, size: size)]
    }
    func poll() {}
    func levels(instrument: Int, side: Side, depth: Int, into levels: inout [QuoteLevel]) {
      levels = Array((side == .buy ? bids : asks).prefix(depth))
    }
  }

  final class Recorder: RoutingJournal {
    var decisions: [RouteDecision] = []
    var fills: [TCAFill] = []
    func routed(_ decision: RouteDecision) { decisions.append(decision) }
    func executed(_ fill: TCAFill) { fills.append(fill) }
  }

  let a = Scripted()
  let b = Scripted()
  let recorder = Recorder()
  let router: SmartOrderRouter
  static let p = RoutePlannerTests.p

  init() {
    // A: 100.00 / 100.02 × 300; B: 99.99 / 100.01 × 200. Consolidated mid 100.005.
    router = SmartOrderRouter(
      venues: [RoutePlannerTests.venue("A", taker: 300_000), RoutePlannerTests.venue("B", taker: 300_000)], gateways: [a, b],
      quotes: [Book(bid: Self.p(100, 0), ask: Self.p(100, 2), size: 300), Book(bid: Self.p(99, 99), ask: Self.p(100, 1), size: 200)],
      policy: .bestPrice)
    router.journal = recorder
  }

  func buy(_ id: UInt64, _ quantity: Int64, limit: Int64) {
    var order = VenueOrderRequest.limit(instrument: 0, side: .buy, quantity: quantity, price: limit)
    order.id = id
    _ = router.submit(order, decidedAt: 1_000)
  }

  func fill(_ venue: Scripted, child: UInt64, _ quantity: Int64, at price: Int64, leaves: Int64, exec: UInt64) {
    venue.pending.fills.append(
      VenueFill(orderID: child, instrument: 0, side: .buy, price: price, quantity: quantity, time: 2_000, liquidity: .taker, fee: Money(raw: 0), remainingQuantity: leaves, executionID: exec))
  }

  func update(_ venue: Scripted, child: UInt64, _ kind: VenueOrderUpdate.Kind, _ state: VenueOrderState, leaves: Int64, exec: UInt64) {
    venue.pending.updates.append(VenueOrderUpdate(orderID: child, time: 2_000, kind: kind, state: state, remainingQuantity: leaves, executionID: exec))
  }

  @Test func aSplitOrderIsOneOrderToTheOMS() {
    buy(7, 400, limit: Self.p(100, 2))
    // B's 200 at 100.01, then A's 300 at 100.02 for the other 200. Reports are taken venue by
    // venue (A's, then B's).
    #expect(a.submitted.map(\.quantity) == [200] && b.submitted.map(\.quantity) == [200])
    #expect(a.submitted[0].id == 7 * 8 + 0 && b.submitted[0].id == 7 * 8 + 1)
    #expect(recorder.decisions.count == 1 && recorder.decisions[0].decisionPrice == Self.p(100, 0) + 500_000)
    // Both acknowledge with execution id 1 (each venue numbers its own), then both fill.
    update(a, child: 56, .accepted, .open, leaves: 200, exec: 1)
    update(b, child: 57, .accepted, .open, leaves: 200, exec: 1)
    fill(b, child: 57, 200, at: Self.p(100, 1), leaves: 0, exec: 2)
    fill(a, child: 56, 150, at: Self.p(100, 2), leaves: 50, exec: 2)
    var report = VenueReport()
    router.drain(into: &report)
    #expect(report.updates.map(\.kind) == [.accepted])
    #expect(report.updates[0].orderID == 7)
    #expect(report.fills.map(\.orderID) == [7, 7])
    #expect(report.fills.map(\.remainingQuantity) == [250, 50])
    // The venue's fee schedule, and the router's own execution ids, one sequence.
    #expect(report.fills.map(\.fee) == [Money(raw: 150 * 300_000), Money(raw: 200 * 300_000)])
    #expect(Set((report.updates.map(\.executionID) + report.fills.map(\.executionID))).count == 3)
    // A's last 50 fill: the order is filled; no cancel or second accept reaches the OMS.
    fill(a, child: 56, 50, at: Self.p(100, 2), leaves: 0, exec: 3)
    report = VenueReport()
    router.drain(into: &report)
    #expect(report.updates.isEmpty && report.fills.map(\.remainingQuantity) == [0])
    #expect(router.order(7)?.state == .filled && router.order(7)?.filledQuantity == 400)
  }

  @Test func aReportDeliveredTwiceByOneVenueIsAppliedOnce() {
    buy(3, 100, limit: Self.p(100, 1))
    #expect(b.submitted.count == 1 && a.submitted.isEmpty)
    fill(b, child: 25, 60, at: Self.p(100, 1), leaves: 40, exec: 9)
    fill(b, child: 25, 60, at: Self.p(100, 1), leaves: 40, exec: 9)
    var report = VenueReport()
    router.drain(into: &report)
    #expect(report.fills.count == 1 && router.duplicateReports == 1)
  }

  @Test func theOrderEndsWhenItsLastChildEnds() {
    buy(5, 400, limit: Self.p(100, 2))
    update(a, child: 40, .accepted, .open, leaves: 200, exec: 1)
    update(b, child: 41, .rejected(.venueRefused), .rejected, leaves: 0, exec: 1)
    var report = VenueReport()
    router.drain(into: &report)
    // A's accept is taken first, while B's child still counts; after B's reject, 200 work.
    #expect(report.updates.map(\.kind) == [.accepted])
    #expect(report.updates[0].remainingQuantity == 400 && router.order(5)?.remainingQuantity == 200)
    router.cancel(orderID: 5, decidedAt: 3_000)
    #expect(a.cancelled == [40] && b.cancelled.isEmpty)
    update(a, child: 40, .cancelled(.requested), .cancelled, leaves: 0, exec: 2)
    report = VenueReport()
    router.drain(into: &report)
    #expect(report.updates.map(\.kind) == [.cancelled(.requested)])
    #expect(report.updates[0].state == .cancelled && report.updates[0].remainingQuantity == 0)
  }

  @Test func everyChildRejectedIsARejectedOrder() {
    buy(6, 400, limit: Self.p(100, 2))
    update(a, child: 48, .rejected(.unknownInstrument), .rejected, leaves: 0, exec: 1)
    update(b, child: 49, .rejected(.unknownInstrument), .rejected, leaves: 0, exec: 1)
    var report = VenueReport()
    router.drain(into: &report)
    #expect(report.updates.map(\.kind) == [.rejected(.unknownInstrument)])
  }

  @Test func aReplaceGoesToTheOneVenueAnOrderWorksOnAndIsRefusedWhenSplit() {
    buy(1, 100, limit: Self.p(100, 1))
    router.replace(orderID: 1, quantity: 100, price: Self.p(100, 0), decidedAt: 3_000)
    #expect(b.replaced == [9])
    buy(2, 400, limit: Self.p(100, 2))
    router.replace(orderID: 2, quantity: 400, price: Self.p(100, 0), decidedAt: 3_000)
    var report = VenueReport()
    router.drain(into: &report)
    #expect(report.updates.map(\.kind) == [.requestRejected(.venueRefused)] && router.refusedSplitReplaces == 1)
  }

  @Test func executionQualityMeasuresEachFillAgainstDecisionAndArrival() {
    // The strategy's mark when it decided was 100.01 (its own feed's mid).
    var order = VenueOrderRequest.limit(instrument: 0, side: .buy, quantity: 200, price: Self.p(100, 1))
    order.id = 4
    _ = router.submit(order, decidedAt: 1_000, reference: Self.p(100, 1))
    update(b, child: 33, .accepted, .open, leaves: 200, exec: 1)
    fill(b, child: 33, 200, at: Self.p(100, 1), leaves: 0, exec: 2)
    var report = VenueReport()
    router.drain(into: &report)
    let tca = try! #require(recorder.fills.first)
    // Decision: the strategy's mark 100.01; arrival: B's own mid 100.00 as the slice was sent.
    #expect(tca.decisionPrice == Self.p(100, 1) && tca.arrivalPrice == Self.p(100, 0))
    #expect(tca.decisionSlippageBps == 0)
    #expect(abs(tca.arrivalSlippageBps! - 1.0) < 1e-12)
    #expect(router.quality.venues[1].quantity == 200 && router.quality.venues[0].quantity == 0)
    #expect(abs(router.quality.all.arrivalBps! - 1.0) < 1e-12)
  }
}
