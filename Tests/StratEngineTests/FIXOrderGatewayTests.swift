import Foundation
import StratFIX
import StratMarket
import StratRuntime
import StratVenue
import Testing

@testable import StratEngine

/// The OMS's FIX gateway against strat-venue's order entry, over loopback.
@Suite(.serialized) struct FIXOrderGatewayTests {
  final class Setup {
    let core: VenueCore
    let acceptor: FIXAcceptor
    let dictionary: FIXDictionary

    init(clients: [String]) throws {
      dictionary = try FIXDictionary.bundled(.fix44)
      let core = try VenueCore(instruments: [MatchingInstrument(symbol: "INTC", locate: 1), MatchingInstrument(symbol: "AAPL", locate: 2)])
      self.core = core
      acceptor = try FIXAcceptor(
        address: .loopback(port: 0), dictionary: dictionary,
        sessions: clients.map { FIXSessionSettings(senderCompID: "VENUE", targetCompID: $0, isInitiator: false, applicationTypes: VenueOrderEntry.messageTypes) },
        storeFolder: nil, log: Self.log
      ) { VenueOrderEntry(core: core, session: $0) }
      core.start()
      acceptor.start()
    }

    func gateway(_ name: String) throws -> FIXOrderGateway {
      let session = FIXSession(
        settings: FIXSessionSettings(senderCompID: name, targetCompID: "VENUE", isInitiator: true),
        dictionary: dictionary, store: try FIXMessageStore(folder: nil))
      let initiator = FIXInitiator(session: session, address: acceptor.address, log: Self.log)
      let gateway = FIXOrderGateway(initiator: initiator, symbols: ["INTC", "AAPL"])
      initiator.start()
      let until = Date(timeIntervalSinceNow: 5)
      while session.locked({ session.state }) != .loggedOn && Date() < until { usleep(2_000) }
      return gateway
    }

    /// STRAT_FIX_LOG=1 prints both sides' session events (debugging a fault test).
    static let log: @Sendable (String) -> Void = { line in
      if ProcessInfo.processInfo.environment["STRAT_FIX_LOG"] != nil { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    deinit {
      acceptor.stop()
      core.stop()
    }
  }

  static func limit(_ id: UInt64, _ side: Side, _ quantity: Int64, _ price: Int64) -> VenueOrderRequest {
    var request = VenueOrderRequest(instrument: 0, side: side, quantity: quantity, kind: .limit(price: price))
    request.id = id
    return request
  }

  /// Drains `gateway` until `count` updates and fills have come (5 s at most).
  static func reports(_ gateway: FIXOrderGateway, updates: Int, fills: Int) -> VenueReport {
    var report = VenueReport()
    let until = Date(timeIntervalSinceNow: 5)
    while (report.updates.count < updates || report.fills.count < fills) && Date() < until {
      gateway.drain(into: &report)
      usleep(2_000)
    }
    return report
  }

  @Test func ordersTradeAndReportsComeBackAsTheOMSKnowsThem() throws {
    let setup = try Setup(clients: ["CLIENT1", "CLIENT2"])
    let seller = try setup.gateway("CLIENT1")
    let buyer = try setup.gateway("CLIENT2")
    defer { seller.initiator.stop(); buyer.initiator.stop() }
    _ = seller.submit(Self.limit(1, .sell, 100, 1_000_000_000), decidedAt: 0)
    _ = Self.reports(seller, updates: 1, fills: 0)
    _ = buyer.submit(Self.limit(1, .buy, 60, 1_010_000_000), decidedAt: 0)
    let bought = Self.reports(buyer, updates: 1, fills: 1)
    #expect(bought.updates.first?.kind == .accepted)
    #expect(bought.fills.first?.quantity == 60 && bought.fills.first?.price == 1_000_000_000)
    #expect(bought.fills.first?.remainingQuantity == 0)
    let sold = Self.reports(seller, updates: 0, fills: 1)
    #expect(sold.fills.first?.remainingQuantity == 40 && sold.fills.first?.side == .sell)
    let open = seller.openOrders()
    #expect(open.count == 1 && open.first?.remainingQuantity == 40 && open.first?.id == 1)
    seller.replace(orderID: 1, quantity: 30, price: 1_020_000_000, decidedAt: 0)
    seller.cancel(orderID: 1, decidedAt: 0)
    seller.cancel(orderID: 99, decidedAt: 0)
    let after = Self.reports(seller, updates: 3, fills: 0)
    // The venue answers the replace, then the cancel, in order; the unknown order's refusal is
    // the gateway's own, made at once, so it may land before or after them (a loaded machine).
    let kinds = after.updates.map(\.kind)
    #expect(kinds.filter { $0 != .requestRejected(.unknownOrder) } == [.replaced(keptPriority: false), .cancelled(.requested)])
    #expect(kinds.filter { $0 == .requestRejected(.unknownOrder) }.count == 1 && after.updates.count == 3)
    #expect(after.updates.first { $0.kind == .requestRejected(.unknownOrder) }?.orderID == 99)
  }

  @Test func aRequestWhileTheSessionIsDownIsRefusedAtOnce() throws {
    let setup = try Setup(clients: ["CLIENT1"])
    let gateway = try setup.gateway("CLIENT1")
    gateway.initiator.stop()
    usleep(100_000)
    _ = gateway.submit(Self.limit(7, .buy, 10, 1_000_000_000), decidedAt: 5)
    var report = VenueReport()
    gateway.drain(into: &report)
    #expect(report.updates.map(\.kind) == [.rejected(.disconnected)])
  }
}
