import Foundation
import StratFIX
import StratMarket
import StratRuntime
import StratVenue
import Testing

@testable import StratEngine

/// Issue 12's fault test on loopback: two clients send 10,000 orders to strat-venue while 100
/// seeded disconnects cut one or the other mid-stream (the orders right after a cut race it:
/// in flight, or refused at once; then the client waits for its reconnect). Nothing is lost or doubled: every order the gateway
/// sent reaches the venue once (resent from the store when it was cut in flight), every report
/// reaches the client once (resent after the reconnect), and each side's fills agree.
@Suite(.serialized) struct FIXFaultTests {
  @Test func hundredDisconnectsOverTenThousandOrdersLoseAndDoubleNothing() throws {
    let setup = try FIXOrderGatewayTests.Setup(clients: ["CLIENT1", "CLIENT2"])
    let gateways = [try setup.gateway("CLIENT1"), try setup.gateway("CLIENT2")]
    defer { gateways.forEach { $0.initiator.stop() } }
    gateways.forEach { $0.initiator.minimumBackoffNanos = 10_000_000 }
    var random = SeededRandom(seed: 12)  // the MoldUDP64 publisher's SplitMix64
    var reports = [VenueReport(), VenueReport()]
    var sent = [0, 0]
    var cuts = 0
    var sinceCut = [Int.max / 2, Int.max / 2]
    for k in 1...10_000 {
      let side = Int(random.next() % 2)
      let g = Int(random.next() % 2)
      var order = VenueOrderRequest(
        instrument: 0, side: side == 0 ? .buy : .sell, quantity: Int64(1 + random.next() % 5) * 100,
        kind: .limit(price: 1_000_000_000 + Int64(random.next() % 7) * 1_000_000 - 3_000_000))
      order.id = UInt64(k)
      // An OMS pauses a venue that is down; the first few orders after a cut race the cut.
      if sinceCut[g] > 3 { #expect(Self.waitLoggedOn(gateways[g])) }
      sinceCut[g] += 1
      _ = gateways[g].submit(order, decidedAt: 0)
      sent[g] += 1
      if k % 100 == 50 {
        // Cut a live connection (the cable pulled) and go on sending at once.
        let v = Int(random.next() % 2)
        let victim = gateways[v]
        #expect(Self.waitLoggedOn(victim))
        victim.initiator.dropConnection()
        sinceCut[v] = 0
        cuts += 1
      }
      if k % 500 == 0 { for i in 0..<2 { gateways[i].drain(into: &reports[i]) } }
    }
    // Both back on, the venue quiet, every report in.
    for gateway in gateways { #expect(Self.waitLoggedOn(gateway)) }
    setup.core.drain()
    usleep(500_000)
    for i in 0..<2 { gateways[i].drain(into: &reports[i]) }

    for (i, name) in ["CLIENT1", "CLIENT2"].enumerated() {
      let atVenue = setup.core.clientOrders(session: "VENUE-\(name)")
      let refused = Set(reports[i].updates.filter { $0.kind == .rejected(.disconnected) }.map(\.orderID))
      let accepted = reports[i].updates.filter { $0.kind == .accepted }.map(\.orderID)
      // Every order not refused at once reached the venue exactly once.
      #expect(atVenue.count == sent[i] - refused.count, "\(name): \(atVenue.count) at the venue, \(sent[i]) sent, \(refused.count) refused")
      #expect(Set(atVenue.map(\.clOrdID)).count == atVenue.count)
      // Each accepted once, and reported accepted once.
      #expect(accepted.count == atVenue.count && Set(accepted).count == accepted.count)
      // Fills agree order by order, so positions agree.
      var filledHere: [UInt64: Int64] = [:]
      for fill in reports[i].fills { filledHere[fill.orderID, default: 0] += fill.quantity }
      var mismatched = 0
      for order in atVenue where filledHere[UInt64(order.clOrdID.dropFirst()) ?? 0, default: 0] != order.filled { mismatched += 1 }
      #expect(mismatched == 0, "\(name): \(mismatched) orders whose fills differ")
      let position = reports[i].fills.reduce(Int64(0)) { $0 + $1.signedQuantity }
      let venuePosition = atVenue.reduce(Int64(0)) { $0 + ($1.isBuy ? $1.filled : -$1.filled) }
      #expect(position == venuePosition)
      #expect(gateways[i].unreadableReports == 0)
      print("fault test \(name): \(sent[i]) sent, \(refused.count) refused while cut, \(atVenue.count) at the venue, \(reports[i].fills.count) fills, position \(position)")
    }
    #expect(cuts == 100)
    // At least one reconnect per cut (a reconnect that races the old connection's close may take two).
    #expect(gateways.map(\.initiator.connections).reduce(0, +) >= 102)
  }

  static func waitLoggedOn(_ gateway: FIXOrderGateway) -> Bool {
    let until = Date(timeIntervalSinceNow: 10)
    while Date() < until {
      if gateway.initiator.session.locked({ gateway.initiator.session.state }) == .loggedOn { return true }
      usleep(2_000)
    }
    return false
  }
}
