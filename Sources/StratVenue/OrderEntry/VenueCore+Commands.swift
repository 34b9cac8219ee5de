import StratFIX
import StratMarket

extension VenueCore {
  func handle(_ command: VenueCommand, session: FIXSession) {
    handled += 1
    let now = FIXClock.utcNanos()
    let owner = owner(of: command.session, session: session)
    switch command.kind {
    case .invalid(let text): refuse(command, text: text, session: session, now: now)
    case .new(let side, let kind, let tif, let price, let quantity):
      metrics?.countOrder(session: command.session)
      submit(command, owner: owner, request: OrderRequest(owner: owner, side: side, kind: kind, timeInForce: tif, price: price, quantity: quantity), session: session, now: now)
    case .cancel(let original): cancel(command, original: original, owner: owner, session: session, now: now)
    case .replace(let original, let price, let quantity):
      replace(command, original: original, price: price, quantity: quantity, owner: owner, session: session, now: now)
    case .status: status(command, session: session, now: now)
    case .massStatus: massStatus(command, session: session, now: now)
    }
  }

  private func refuse(_ command: VenueCommand, text: String, session: FIXSession, now: Int64) {
    switch command.msgType {
    case "F", "G":
      sendCancelReject(command, order: nil, replace: command.msgType == "G", reason: 99, text: text, to: session, now: now)
    default:
      sendReject(command, text: text, reason: 99, to: session, now: now)
    }
  }

  private func submit(_ command: VenueCommand, owner: UInt32, request: OrderRequest, session: FIXSession, now: Int64) {
    guard !orders.hasClOrdID(command.clOrdID, session: command.session) else {
      return sendReject(command, text: "duplicate ClOrdID \(command.clOrdID)", reason: 6, to: session, now: now)
    }
    guard let locate = engine.locate(of: command.symbol) else {
      return sendReject(command, text: "unknown symbol \(command.symbol)", reason: 1, to: session, now: now)
    }
    events.removeAll()
    engine.submit(request, locate: locate, into: events)
    apply(command: command, locate: locate, request: request, now: now)
    publish(locate: locate, now: now)
  }

  private func cancel(_ command: VenueCommand, original: String, owner: UInt32, session: FIXSession, now: Int64) {
    guard let index = orders.index(session: command.session, clOrdID: original) else {
      return sendCancelReject(command, order: nil, replace: false, reason: 1, text: "unknown order \(original)", to: session, now: now)
    }
    guard orders[index].isOpen else {
      let order = orders[index]
      return sendCancelReject(command, order: order, replace: false, reason: 0, text: "the order is \(order.isOpen ? "open" : "final")", to: session, now: now)
    }
    events.removeAll()
    engine.cancel(orderID: orders[index].engineID, owner: owner, locate: orders[index].locate, into: events)
    apply(command: command, locate: orders[index].locate, request: nil, now: now)
    publish(locate: orders[index].locate, now: now)
  }

  private func replace(
    _ command: VenueCommand, original: String, price: Price?, quantity: Int64, owner: UInt32, session: FIXSession, now: Int64
  ) {
    guard let index = orders.index(session: command.session, clOrdID: original), orders[index].isOpen else {
      return sendCancelReject(command, order: nil, replace: true, reason: 1, text: "no open order \(original)", to: session, now: now)
    }
    let order = orders[index]
    let leaves = quantity - order.cumulative
    guard leaves > 0, !orders.hasClOrdID(command.clOrdID, session: command.session) else {
      return sendCancelReject(command, order: order, replace: true, reason: 99, text: leaves > 0 ? "duplicate ClOrdID" : "OrderQty is not above the filled quantity", to: session, now: now)
    }
    events.removeAll()
    engine.replace(orderID: order.engineID, owner: owner, locate: order.locate, price: price ?? order.price, quantity: leaves, into: events)
    apply(command: command, locate: order.locate, request: nil, now: now)
    publish(locate: order.locate, now: now)
  }

  private func status(_ command: VenueCommand, session: FIXSession, now: Int64) {
    guard let index = orders.index(session: command.session, clOrdID: command.clOrdID) else {
      return sendReject(command, text: "unknown order \(command.clOrdID)", reason: 5, to: session, now: now)
    }
    let order = orders[index]
    send("8", to: session, now: now) { reports.write(order, .init(execType: "I"), now: now, to: $0) }
  }

  /// One status report per open order of the session (the last says so in LastRptRequested);
  /// with none open, one report with OrderID NONE.
  private func massStatus(_ command: VenueCommand, session: FIXSession, now: Int64) {
    let open = orders.open(session: command.session)
    guard !open.isEmpty else {
      return sendReject(command, text: "no open orders", reason: 99, to: session, now: now)
    }
    for (position, index) in open.enumerated() {
      let order = orders[index]
      send("8", to: session, now: now) { encoder in
        reports.write(order, .init(execType: "I"), now: now, to: encoder)
        encoder.append(584, command.clOrdID)
        encoder.append(911, open.count)
        if position == open.count - 1 { encoder.append(912, character: UInt8(ascii: "Y")) }
      }
    }
  }
}
