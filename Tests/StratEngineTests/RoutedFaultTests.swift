import Foundation
import StratFIX
import StratMarket
import StratNet
import StratRuntime
import StratVenue
import Testing

@testable import StratEngine

/// Issue 12's fault test through the router: 10,000 orders planned across two strat-venues
/// (their books read from their own ITCH feeds) while 100 seeded disconnects cut one venue's
/// session or the other's mid-stream. Nothing is lost or doubled: every child order a gateway
/// sent reaches its venue once, and the position the router reports to the OMS is the sum of
/// the positions both venues' books hold for us, order by order.
@Suite(.serialized) struct RoutedFaultTests {
  @Test func hundredDisconnectsOverTenThousandRoutedOrdersLoseAndDoubleNothing() throws {
    let day = try BookFeed.load(path: EngineRiskTests.day, date: nil, symbol: nil)
    let venues = try RoutedVenues(seed: [3_000, 3_300], day: day)
    defer { venues.stop() }
    let dictionary = try FIXDictionary.bundled(.fix44)
    var gateways: [FIXOrderGateway] = []
    var quotes: [LiveQuoteBook] = []
    for k in 0..<2 {
      let session = FIXSession(
        settings: FIXSessionSettings(senderCompID: "CLIENT1", targetCompID: "VENUE", isInitiator: true),
        dictionary: dictionary, store: try FIXMessageStore(folder: nil))
      let gateway = FIXOrderGateway(initiator: FIXInitiator(session: session, address: venues.servers[k].acceptor.address), symbols: ["GOOG"])
      gateway.initiator.minimumBackoffNanos = 10_000_000
      gateway.initiator.start()
      gateways.append(gateway)
      quotes.append(
        try LiveQuoteBook(listen: "127.0.0.1:\(venues.itchPorts[k])", request: "127.0.0.1:\(venues.requestPorts[k])", date: "2012-06-21", symbols: ["GOOG"]))
    }
    // CLIENT2 trades on each venue directly (never cut): the other side of many of our fills.
    let others = try (0..<2).map { k in try Self.counterparty(venues.servers[k].acceptor.address, dictionary) }
    defer { (gateways + others).forEach { $0.initiator.stop() } }
    for gateway in gateways { #expect(FIXFaultTests.waitLoggedOn(gateway)) }
    let router = SmartOrderRouter(
      // B pays makers a rebate: what rests goes there; what takes goes where the price is.
      venues: [RouteVenue(name: "A"), RouteVenue(name: "B", fees: VenueFees(maker: .perShare(Money(raw: -200_000))))],
      gateways: gateways, quotes: quotes, policy: .bestPrice)
    let mid = router.consolidatedMid(0)
    #expect(mid > 0, "both venues' books must be seeded")
    var random = SeededRandom(seed: 12)
    var report = VenueReport()
    var ignored = VenueReport()
    var cuts = 0
    var sinceCut = [Int.max / 2, Int.max / 2]
    for k in 1...10_000 {
      let side: Side = random.next() % 2 == 0 ? .buy : .sell
      let offset = (Int64(random.next() % 13) - 6) * 5_000_000  // ±30 cents around the opening mid
      var order = VenueOrderRequest(
        instrument: 0, side: side, quantity: Int64(1 + random.next() % 5) * 100, kind: .limit(price: mid / 1_000_000 * 1_000_000 + offset),
        timeInForce: random.next() % 3 == 0 ? .immediateOrCancel : .day)
      order.id = UInt64(k)
      // An OMS pauses a venue that is down; the first few orders after a cut race the cut.
      for g in 0..<2 where sinceCut[g] == 4 { #expect(FIXFaultTests.waitLoggedOn(gateways[g])) }
      sinceCut = sinceCut.map { $0 + 1 }
      _ = router.submit(order, decidedAt: 0)
      var other = order
      other.side = random.next() % 2 == 0 ? .buy : .sell
      other.timeInForce = .day
      _ = others[Int(random.next() % 2)].submit(other, decidedAt: 0)
      if k % 100 == 50 {
        let v = Int(random.next() % 2)
        #expect(FIXFaultTests.waitLoggedOn(gateways[v]))
        gateways[v].initiator.dropConnection()
        sinceCut[v] = 0
        cuts += 1
      }
      if k % 250 == 0 {
        router.drain(into: &report)
        others.forEach { $0.drain(into: &ignored) }
      }
    }
    for gateway in gateways { #expect(FIXFaultTests.waitLoggedOn(gateway)) }
    venues.servers.forEach { $0.core.drain() }
    // Drains until the reports add up to the venues' positions (10 s at most: a loaded machine).
    let quiet = Date(timeIntervalSinceNow: 10)
    repeat {
      usleep(50_000)
      router.drain(into: &report)
    } while Date() < quiet && report.fills.reduce(Int64(0), { $0 + $1.signedQuantity }) != venues.position(0) + venues.position(1)
    usleep(200_000)
    router.drain(into: &report)

    for k in 0..<2 {
      let atVenue = venues.orders(k)
      // Every child a gateway put on the wire reached its venue exactly once.
      #expect(atVenue.count == gateways[k].sentCount, "\(venues.names[k]): \(atVenue.count) at the venue, \(gateways[k].sentCount) sent")
      #expect(Set(atVenue.map(\.clOrdID)).count == atVenue.count)
      #expect(gateways[k].unreadableReports == 0)
    }
    // Order by order, the units the OMS was told filled are the units both venues filled.
    var told: [UInt64: Int64] = [:]
    for fill in report.fills { told[fill.orderID, default: 0] += fill.quantity }
    var filledAtVenues: [UInt64: Int64] = [:]
    for k in 0..<2 {
      for order in venues.orders(k) {
        let child = UInt64(order.clOrdID.dropFirst()) ?? 0
        filledAtVenues[child / UInt64(SmartOrderRouter.maxVenues), default: 0] += order.filled
      }
    }
    #expect(told.filter { $0.value != 0 } == filledAtVenues.filter { $0.value != 0 })
    let position = report.fills.reduce(Int64(0)) { $0 + $1.signedQuantity }
    #expect(position == venues.position(0) + venues.position(1))
    // Each order accepted at most once, ended at most once.
    let accepted = report.updates.filter { $0.kind == .accepted }.map(\.orderID)
    #expect(Set(accepted).count == accepted.count)
    #expect(cuts == 100)
    #expect(gateways.map(\.initiator.connections).reduce(0, +) >= 102)
    print(
      "routed fault test: \(router.childOrders) children (\(router.splitOrders) split orders), A \(venues.orders(0).count) / B \(venues.orders(1).count) at the venues, "
        + "\(report.fills.count) fills, position \(position), duplicates dropped \(router.duplicateReports)")
  }

  static func counterparty(_ address: TCPAddress, _ dictionary: FIXDictionary) throws -> FIXOrderGateway {
    let session = FIXSession(
      settings: FIXSessionSettings(senderCompID: "CLIENT2", targetCompID: "VENUE", isInitiator: true),
      dictionary: dictionary, store: try FIXMessageStore(folder: nil))
    let gateway = FIXOrderGateway(initiator: FIXInitiator(session: session, address: address), symbols: ["GOOG"])
    gateway.initiator.start()
    #expect(FIXFaultTests.waitLoggedOn(gateway))
    return gateway
  }
}
