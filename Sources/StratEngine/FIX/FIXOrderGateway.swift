import Foundation
import StratFIX
import StratMarket
import StratRuntime

/// The OMS's gateway to a venue over FIX 4.4, so a strategy trades the same way on paper and
/// live: the OMS's numbered requests become NewOrderSingle (D), OrderCancelRequest (F) and
/// OrderCancelReplaceRequest (G); the venue's ExecutionReports (8) and OrderCancelRejects (9)
/// come back as the same `VenueOrderUpdate`s and `VenueFill`s the simulated venue reports.
///
///   hot thread: submit/cancel/replace ─▶ encode ─▶ message store ─▶ socket   (session lock)
///   FIX reader: 8 / 9 ─▶ translate ─▶ inbox (lock) ─▶ hot thread: drain(into:) ─▶ table, OMS
///
/// ClOrdID is `PREFIX<order id>` for the order and `PREFIX<order id>.<n>` for its n-th cancel or
/// replace, so any report names its order without a lookup table. While the session is down a
/// request is refused at once (`venue-disconnected`), never queued to go out late. The table
/// (fills, a replace's price, arrival) changes only as reports are drained, on the hot thread,
/// so what the audit trail reads of an order is what the OMS has booked, in a live run and in
/// its recovery alike.
public final class FIXOrderGateway: RemoteVenue, FIXApplication, @unchecked Sendable {
  public let initiator: FIXInitiator
  public let prefix: String
  let symbols: [String]
  private let instrumentBySymbol: [String: Int]
  private let inbox = NSLock()
  var pending = VenueReport()
  var orders: [UInt64: GatewayOrder] = [:]
  var statusReplies: [VenueOrderStatus] = []
  var statusDone = false
  /// The venue's execution ids already translated: a report the venue resends (PossDup, after a
  /// restart had it resend from the journal's last one) is translated once.
  var seen = ExecutionReportFilter()
  /// The MsgSeqNum of the last report in `pending` (a journaled batch covers up to it).
  var lastReportSeq = 0
  /// The price and ClOrdID of each order's replace in flight (a recovery applies them on its ack).
  var replacing: [UInt64: (clOrdID: String, price: Int64)] = [:]
  /// Reports whose ClOrdID is not ours, or that could not be read (logged, counted).
  var unreadableReportCount = 0
  public var unreadableReports: Int { locked { unreadableReportCount } }
  private let log: @Sendable (String) -> Void
  /// Benchmarks: the monotonic time each send's bytes were in the socket buffer, and the count.
  package var timestampsSends = false
  package private(set) var lastSentAt: UInt64 = 0
  package private(set) var sentCount = 0

  struct GatewayOrder {
    var request: VenueOrderRequest
    var decidedAt: Int64 = 0
    /// The venue's TransactTime on its first report (0 until then).
    var arrivedAt: Int64 = 0
    var filled: Int64 = 0
    var amendments = 0
    var clOrdID: String
    var price: Int64
  }

  public init(initiator: FIXInitiator, symbols: [String], prefix: String = "S", log: @escaping @Sendable (String) -> Void = { _ in }) {
    self.initiator = initiator
    self.symbols = symbols
    self.prefix = prefix
    self.log = log
    var bySymbol: [String: Int] = [:]
    for (index, symbol) in symbols.enumerated() { bySymbol[symbol] = index }
    instrumentBySymbol = bySymbol
    initiator.application = self
  }

  // MARK: OrderGateway (hot thread)

  public func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
    let clOrdID = register(order, decidedAt: decidedAt)
    send("D", orderID: order.id, decidedAt: decidedAt) { encoder in
      encoder.append(11, clOrdID)
      encoder.append(38, Int(order.quantity))
      switch order.kind {
      case .market: encoder.append(40, character: UInt8(ascii: "1"))
      case .limit(let price):
        encoder.append(40, character: UInt8(ascii: "2"))
        encoder.append(44, fixed: price, decimals: 8)
      }
      encoder.append(54, character: order.side == .buy ? UInt8(ascii: "1") : UInt8(ascii: "2"))
      encoder.append(55, self.symbols[order.instrument])
      encoder.append(59, character: order.timeInForce == .day ? UInt8(ascii: "0") : UInt8(ascii: "3"))
      encoder.append(60, timestamp: decidedAt)
    }
    return order.id
  }

  public func cancel(orderID: UInt64, decidedAt: Int64) {
    guard let (order, clOrdID) = amendment(of: orderID) else { return refuseUnknown(orderID, decidedAt) }
    send("F", orderID: orderID, decidedAt: decidedAt, request: true) { encoder in
      encoder.append(11, clOrdID)
      encoder.append(41, order.clOrdID)
      encoder.append(54, character: order.request.side == .buy ? UInt8(ascii: "1") : UInt8(ascii: "2"))
      encoder.append(55, self.symbols[order.request.instrument])
      encoder.append(60, timestamp: decidedAt)
    }
  }

  public func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {
    guard let (order, clOrdID) = amendment(of: orderID, replacingAt: price) else { return refuseUnknown(orderID, decidedAt) }
    send("G", orderID: orderID, decidedAt: decidedAt, request: true) { encoder in
      encoder.append(11, clOrdID)
      encoder.append(38, Int(order.filled + quantity))  // FIX's OrderQty is the total; the OMS asks for the rest
      encoder.append(40, character: UInt8(ascii: "2"))
      encoder.append(41, order.clOrdID)
      encoder.append(44, fixed: price, decimals: 8)
      encoder.append(54, character: order.request.side == .buy ? UInt8(ascii: "1") : UInt8(ascii: "2"))
      encoder.append(55, self.symbols[order.request.instrument])
      encoder.append(60, timestamp: decidedAt)
    }
  }

  /// Asks the venue for every open order (OrderMassStatusRequest) and waits up to 5 s for the
  /// answers. Not on the hot path: recovery and reconnect reconciliation.
  public func openOrders() -> [VenueOrderStatus] {
    locked {
      statusReplies.removeAll()
      statusDone = false
    }
    let id = "\(prefix)M\(UInt64(FIXClock.utcNanos()))"
    do {
      try initiator.withSession { session throws(FIXError) in
        try session.sendApplication("AF", now: FIXClock.utcNanos()) { encoder in
          encoder.append(584, id)
          encoder.append(585, 7)  // all orders
        }
      }
    } catch {
      log("fix gateway: mass status: \(error.message)")
      return []
    }
    let until = Date(timeIntervalSinceNow: 5)
    while Date() < until {
      if locked({ statusDone }) { break }
      usleep(1_000)
    }
    return locked { statusReplies }
  }

  public func order(_ id: UInt64) -> VenueOrderStatus? {
    locked {
      guard let order = orders[id] else { return nil }
      var request = order.request
      request.id = id
      var status = VenueOrderStatus(id: id, request: request, decidedAt: order.decidedAt, arrivalTime: order.arrivedAt)
      status.price = order.price
      status.filledQuantity = order.filled
      return status
    }
  }

  /// Moves the reports that arrived since the last call into `report` (hot thread).
  public func drain(into report: inout VenueReport) { _ = drainCountingSeq(into: &report) }

  /// `drain`, and the MsgSeqNum of the last report moved (0: none yet).
  func drainCountingSeq(into report: inout VenueReport) -> Int {
    inbox.lock()
    defer { inbox.unlock() }
    book(pending)
    report.fills += pending.fills
    report.updates += pending.updates
    pending.fills.removeAll(keepingCapacity: true)
    pending.updates.removeAll(keepingCapacity: true)
    return lastReportSeq
  }

  // MARK: sending

  private func send(_ type: String, orderID: UInt64, decidedAt: Int64, request: Bool = false, body: (FIXEncoder) -> Void) {
    do {
      try initiator.withSession { session throws(FIXError) in
        try session.sendApplication(type, now: FIXClock.utcNanos(), body: body)
      }
      sentCount += 1
      if timestampsSends { lastSentAt = Self.monotonic() }
    } catch {
      log("fix gateway: \(type) for order \(orderID) not sent: \(error.message)")
      let kind: VenueOrderUpdate.Kind = request ? .requestRejected(.disconnected) : .rejected(.disconnected)
      let state: VenueOrderState = request ? (locked { orders[orderID] }.map { _ in .open } ?? .rejected) : .rejected
      locked {
        pending.updates.append(VenueOrderUpdate(orderID: orderID, time: decidedAt, kind: kind, state: state, remainingQuantity: 0))
      }
    }
  }

  /// Enters a new order in the table; its ClOrdID.
  @discardableResult
  func register(_ order: VenueOrderRequest, decidedAt: Int64) -> String {
    let clOrdID = "\(prefix)\(order.id)"
    let price: Int64
    if case .limit(let limit) = order.kind { price = limit } else { price = 0 }
    locked { orders[order.id] = GatewayOrder(request: order, decidedAt: decidedAt, clOrdID: clOrdID, price: price) }
    return clOrdID
  }

  /// Numbers the order's next cancel or replace (a replace also remembers its price).
  func amendment(of orderID: UInt64, replacingAt price: Int64? = nil) -> (GatewayOrder, String)? {
    locked {
      guard var order = orders[orderID] else { return nil }
      order.amendments += 1
      orders[orderID] = order
      let clOrdID = "\(prefix)\(orderID).\(order.amendments)"
      if let price { replacing[orderID] = (clOrdID, price) }
      return (order, clOrdID)
    }
  }

  private func refuseUnknown(_ orderID: UInt64, _ time: Int64) {
    locked {
      pending.updates.append(VenueOrderUpdate(orderID: orderID, time: time, kind: .requestRejected(.unknownOrder), state: .rejected, remainingQuantity: 0))
    }
  }

  static func monotonic() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  func locked<T>(_ body: () -> T) -> T {
    inbox.lock()
    defer { inbox.unlock() }
    return body()
  }

  // MARK: FIXApplication (reader thread)

  public func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64) {
    switch message.msgType {
    case "8": executionReport(message, now: now)
    case "9": cancelReject(message, now: now)
    default: return
    }
    // After the report is in `pending`: a batch never claims a MsgSeqNum it does not hold.
    if let seq = message.msgSeqNum { locked { lastReportSeq = max(lastReportSeq, seq) } }
  }
}
