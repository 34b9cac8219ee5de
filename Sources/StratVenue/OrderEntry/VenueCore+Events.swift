import StratFIX
import StratMarket

extension VenueCore {
  /// Turns one engine call's events into the order table's changes and the reports they owe.
  func apply(command: VenueCommand, locate: UInt16, request: OrderRequest?, now: Int64) {
    apply(command, events: events, locate: locate, request: request, now: now)
  }

  func apply(_ command: VenueCommand, events: MatchingEvents, locate: UInt16, request: OrderRequest? = nil, now: Int64) {
    for event in events {
      switch event {
      case .accepted(let accepted):
        guard let request else { continue }
        let order = VenueOrder(
          orderID: "V\(accepted.orderID)", engineID: accepted.orderID, clOrdID: command.clOrdID, session: command.session,
          symbol: command.symbol, locate: locate, side: request.side, kind: request.kind,
          timeInForce: request.timeInForce, price: request.price, orderQuantity: request.quantity, leaves: request.quantity,
          status: "0")
        let index = orders.add(order, engineID: accepted.orderID)
        report(index, .init(execType: "0"), now: now)
      case .rejected(_, let reason):
        let text = reason.message
        let code = reason == .unknownInstrument ? 1 : reason == .badQuantity ? 13 : 99
        if let session = sessionFor(command) {
          sendReject(command, text: text, reason: code, to: session, now: now)
        }
      case .fill(let fill):
        filled(fill.restingOrderID, fill.quantity, fill.price, remaining: fill.restingRemaining, now: now)
        filled(fill.incomingOrderID, fill.quantity, fill.price, remaining: fill.incomingRemaining, now: now)
      case .cancelled(let cancelled):
        guard let index = orders.index(engineID: cancelled.orderID) else { continue }
        metrics?.cancels.addSingleWriter()
        orders[index].status = "4"
        orders[index].leaves = 0
        var text: String? = nil
        if cancelled.reason == .user, case .cancel = command.kind {
          orders[index].originalClOrdID = orders[index].clOrdID
          orders[index].clOrdID = command.clOrdID
          orders.rename(index, clOrdID: command.clOrdID)
        } else if cancelled.reason != .user {
          text = "\(cancelled.reason)"
        }
        report(index, .init(execType: "4", text: text), now: now)
      case .replaced(let replaced):
        guard let index = orders.index(engineID: replaced.orderID) else { continue }
        metrics?.replaces.addSingleWriter()
        orders[index].originalClOrdID = orders[index].clOrdID
        orders[index].clOrdID = command.clOrdID
        orders.rename(index, clOrdID: command.clOrdID)
        orders[index].price = replaced.price
        orders[index].leaves = replaced.quantity
        orders[index].orderQuantity = orders[index].cumulative + replaced.quantity
        orders[index].engineID = replaced.newOrderID
        orders.move(index, toEngineID: replaced.newOrderID)
        report(index, .init(execType: "5"), now: now)
      case .cancelRejected(_, _, let isReplace, let reason):
        guard let session = sessionFor(command) else { continue }
        let order = orders.index(session: command.session, clOrdID: originalID(command)).map { orders[$0] }
        let code = reason == .tooLateToCancel ? 0 : reason == .unknownOrder ? 1 : 99
        sendCancelReject(command, order: order, replace: isReplace, reason: code, text: reason.message, to: session, now: now)
      case .rested:
        continue
      }
    }
  }

  private func filled(_ engineID: UInt64, _ quantity: Int64, _ price: Price, remaining: Int64, now: Int64) {
    guard let index = orders.index(engineID: engineID) else { return }  // the seed day's liquidity
    metrics?.fills.addSingleWriter()
    metrics?.filledQuantity.addSingleWriter(UInt64(quantity))
    orders[index].cumulative += quantity
    orders[index].notional += Double(price.raw) * Double(quantity)
    orders[index].leaves = remaining
    orders[index].status = remaining == 0 ? "2" : "1"
    report(index, .init(execType: "F", lastQuantity: quantity, lastPrice: price), now: now)
  }

  private func report(_ index: Int, _ report: ExecutionReports.Report, now: Int64) {
    let order = orders[index]
    guard let session = sessionFor(key: order.session) else { return }
    send("8", to: session, now: now) { reports.write(order, report, now: now, to: $0) }
  }

  private func originalID(_ command: VenueCommand) -> String {
    switch command.kind {
    case .cancel(let original), .replace(let original, _, _): original
    default: command.clOrdID
    }
  }

  func sessionFor(_ command: VenueCommand) -> FIXSession? { sessionFor(key: command.session) }

  /// Sends an ExecutionReport 150=8 with OrdRejReason `reason`, and counts it.
  func sendReject(_ command: VenueCommand, text: String, reason: Int, to session: FIXSession, now: Int64) {
    metrics?.countReject(orderReason: reason)
    send("8", to: session, now: now) { reports.writeReject(command, text: text, reason: reason, now: now, to: $0) }
  }

  /// Sends an OrderCancelReject with CxlRejReason `reason`, and counts it.
  func sendCancelReject(
    _ command: VenueCommand, order: VenueOrder?, replace: Bool, reason: Int, text: String, to session: FIXSession, now: Int64
  ) {
    metrics?.countReject(cancelReason: reason)
    send("9", to: session, now: now) {
      reports.writeCancelReject(command, order: order, replace: replace, reason: reason, text: text, to: $0)
    }
  }
}
