extension ITCHMessage {
  /// The normalised order-book event for this message, or nil for messages that change no book
  /// (directory, Reg SHO, NOII, broken trades, …).
  ///
  /// A/F → add; E → execute at price 0 (= the order's own price); C → execute at its price,
  /// printable or not, because a non-printable execution still takes shares off the order (only
  /// the trade print is reported elsewhere); X → cancel; D → delete; U → replace (side is not on
  /// the wire: books keep the original order's); P → hiddenTrade; Q → crossTrade;
  /// H → tradingState (quantity 1 when halted, paused or quotation-only, 0 when trading).
  /// `timeNanos` is the UTC instant of the message timestamp on the session's clock.
  public func orderEvent(session: SessionClock) -> OrderEvent? {
    guard var event = orderEvent(sessionMidnightNanos: 0) else { return nil }
    event.timeNanos = session.utcNanos(nanosOfDay: Int64(header.timestamp))
    return event
  }

  /// As `orderEvent(session:)` for a clock that counts from the UTC instant `sessionMidnightNanos`.
  public func orderEvent(sessionMidnightNanos: Int64) -> OrderEvent? {
    var e = OrderEvent(
      timeNanos: sessionMidnightNanos &+ header.timestamp,
      kind: .add,
      instrument: UInt32(header.stockLocate)
    )
    switch self {
    case .addOrder(let m):
      (e.orderID, e.side) = (m.orderReferenceNumber, Self.side(m.buySellIndicator))
      (e.price, e.quantity) = (m.price.raw, Int64(m.shares))
    case .addOrderMPID(let m):
      (e.orderID, e.side) = (m.orderReferenceNumber, Self.side(m.buySellIndicator))
      (e.price, e.quantity) = (m.price.raw, Int64(m.shares))
    case .orderExecuted(let m):
      (e.kind, e.orderID, e.quantity) = (.execute, m.orderReferenceNumber, Int64(m.executedShares))
    case .orderExecutedWithPrice(let m):
      (e.kind, e.orderID, e.quantity) = (.execute, m.orderReferenceNumber, Int64(m.executedShares))
      e.price = m.executionPrice.raw
    case .orderCancel(let m):
      (e.kind, e.orderID, e.quantity) = (.cancel, m.orderReferenceNumber, Int64(m.cancelledShares))
    case .orderDelete(let m):
      (e.kind, e.orderID) = (.delete, m.orderReferenceNumber)
    case .orderReplace(let m):
      (e.kind, e.orderID, e.newOrderID) = (
        .replace, m.originalOrderReferenceNumber, m.newOrderReferenceNumber
      )
      (e.price, e.quantity) = (m.price.raw, Int64(m.shares))
    default:
      return otherOrderEvent(e)
    }
    return e
  }

  /// The rarer mappings (P, Q, H) onto `e`, which has the time and instrument set.
  private func otherOrderEvent(_ event: OrderEvent) -> OrderEvent? {
    var e = event
    switch self {
    case .trade(let m):
      (e.kind, e.orderID, e.side) = (
        .hiddenTrade, m.orderReferenceNumber, Self.side(m.buySellIndicator)
      )
      (e.price, e.quantity) = (m.price.raw, Int64(m.shares))
    case .crossTrade(let m):
      (e.kind, e.price, e.quantity) = (.crossTrade, m.crossPrice.raw, Int64(clamping: m.shares))
    case .stockTradingAction(let m):
      (e.kind, e.quantity) = (.tradingState, m.tradingState == 0x54 ? 0 : 1)
    default:
      return nil
    }
    return e
  }

  /// `S` is sell; anything else (`B`) is buy.
  @inlinable
  static func side(_ indicator: UInt8) -> Side { indicator == 0x53 ? .sell : .buy }
}

extension ITCHWire {
  /// The same mapping as `ITCHMessage.orderEvent`, read in place from the wire bytes without
  /// building the message: the allocation-free path the book and benchmark use. Writes into
  /// `event` and returns true for the types that map to an event.
  @inlinable
  public func orderEvent(session: SessionClock, into event: inout OrderEvent) -> Bool {
    let found = orderEvent(sessionMidnightNanos: 0, into: &event)
    event.timeNanos = session.utcNanos(nanosOfDay: event.timeNanos)
    return found
  }

  /// As `orderEvent(session:into:)` for a clock that counts from the UTC instant
  /// `sessionMidnightNanos`.
  @inlinable
  public func orderEvent(sessionMidnightNanos: Int64, into event: inout OrderEvent) -> Bool {
    event.timeNanos = sessionMidnightNanos &+ Int64(u48(5))
    event.instrument = UInt32(u16(1))
    event.newOrderID = 0
    event.side = .buy
    event.price = 0
    event.quantity = 0
    event.orderID = 0
    switch type {
    case 0x41, 0x46:  // A, F
      event.kind = .add
      event.orderID = u64(11)
      event.side = ITCHMessage.side(u8(19))
      event.quantity = Int64(u32(20))
      event.price = price4(32).raw
    case 0x45:  // E
      event.kind = .execute
      event.orderID = u64(11)
      event.quantity = Int64(u32(19))
    case 0x43:  // C
      event.kind = .execute
      event.orderID = u64(11)
      event.quantity = Int64(u32(19))
      event.price = price4(32).raw
    case 0x58:  // X
      event.kind = .cancel
      event.orderID = u64(11)
      event.quantity = Int64(u32(19))
    case 0x44:  // D
      event.kind = .delete
      event.orderID = u64(11)
    case 0x55:  // U
      event.kind = .replace
      event.orderID = u64(11)
      event.newOrderID = u64(19)
      event.quantity = Int64(u32(27))
      event.price = price4(31).raw
    default:
      return otherOrderEvent(into: &event)
    }
    return true
  }

  /// The rarer mappings (P, Q, H), kept out of the common switch.
  @inlinable
  func otherOrderEvent(into event: inout OrderEvent) -> Bool {
    switch type {
    case 0x50:  // P
      event.kind = .hiddenTrade
      event.orderID = u64(11)
      event.side = ITCHMessage.side(u8(19))
      event.quantity = Int64(u32(20))
      event.price = price4(32).raw
    case 0x51:  // Q
      event.kind = .crossTrade
      event.quantity = Int64(clamping: u64(11))
      event.price = price4(27).raw
    case 0x48:  // H
      event.kind = .tradingState
      event.quantity = u8(19) == 0x54 ? 0 : 1
    default:
      return false
    }
    return true
  }
}
