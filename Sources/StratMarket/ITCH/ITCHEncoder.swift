import StratDiagnostics

/// Writes ITCH 5.0 messages as bytes, in the standard file framing (2-byte big-endian length,
/// then the message), and builds messages from normalised `OrderEvent`s so that other feeds
/// (LOBSTER) can be replayed as ITCH.
public enum ITCHEncoder {
  /// The message's bytes without framing. Throws `data.itch.unencodable` for a timestamp or
  /// price the wire cannot hold.
  public static func bytes(of message: ITCHMessage) throws(MarketDataError) -> [UInt8] {
    var output: [UInt8] = []
    try append(message, to: &output, framed: false)
    return output
  }

  /// Appends the message to `output`, after its 2-byte length when `framed`.
  public static func append(_ message: ITCHMessage, to output: inout [UInt8], framed: Bool = true)
    throws(MarketDataError)
  {
    let length = ITCHMessageType.length(of: message.typeCode)!
    let start = output.count
    if framed { output += [0, UInt8(length)] }
    output += repeatElement(0, count: length)
    let result: Result<Void, MarketDataError> = output.withUnsafeMutableBytes { raw in
      do throws(MarketDataError) {
        try message.write(to: ITCHMutableWire(base: raw.baseAddress! + start + (framed ? 2 : 0)))
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    if case .failure(let error) = result {
      output.removeSubrange(start...)
      throw error
    }
  }

  /// A whole length-prefixed file image of `messages`.
  public static func file(_ messages: [ITCHMessage]) throws(MarketDataError) -> [UInt8] {
    var output: [UInt8] = []
    for message in messages { try append(message, to: &output) }
    return output
  }

  /// The ITCH message for a normalised order event: add → A, cancel → X, delete → D,
  /// execute → E (or C when it carries its own price), replace → U, hiddenTrade → P,
  /// tradingState → H (`H` halted when quantity ≠ 0, else `T` trading), crossTrade → Q.
  ///
  /// - Parameters:
  ///   - stockLocate: the locate code to put in the header.
  ///   - stock: the symbol for the messages that carry one (A, P, H, Q).
  ///   - sessionMidnightNanos: the session's midnight in ns since the epoch; ITCH timestamps
  ///     are ns since midnight.
  ///   - matchNumber: the match number for executions and trades.
  ///   - crossType: the cross type for Q (`C` closing by default; OrderEvent does not say).
  public static func message(
    from event: OrderEvent,
    stockLocate: UInt16,
    stock: ITCHSymbol = ITCHSymbol(""),
    sessionMidnightNanos: Int64,
    trackingNumber: UInt16 = 0,
    matchNumber: UInt64 = 0,
    crossType: UInt8 = 0x43
  ) -> ITCHMessage {
    message(
      from: event, stockLocate: stockLocate, stock: stock,
      session: SessionClock(utcMidnightNanos: sessionMidnightNanos), trackingNumber: trackingNumber,
      matchNumber: matchNumber, crossType: crossType)
  }

  /// As above, with the timestamp the event's time of day on the session's (local) clock.
  public static func message(
    from event: OrderEvent,
    stockLocate: UInt16,
    stock: ITCHSymbol = ITCHSymbol(""),
    session: SessionClock,
    trackingNumber: UInt16 = 0,
    matchNumber: UInt64 = 0,
    crossType: UInt8 = 0x43
  ) -> ITCHMessage {
    let header = ITCHHeader(
      stockLocate: stockLocate,
      trackingNumber: trackingNumber,
      timestamp: session.nanosOfDay(utcNanos: event.timeNanos)
    )
    switch event.kind {
    case .add, .cancel, .delete, .replace:
      return orderMessage(from: event, header: header, stock: stock)
    case .execute, .hiddenTrade, .tradingState, .crossTrade:
      return tradeMessage(
        from: event,
        header: header,
        stock: stock,
        matchNumber: matchNumber,
        crossType: crossType
      )
    }
  }

  /// A, X, D or U for an order event.
  private static func orderMessage(from event: OrderEvent, header: ITCHHeader, stock: ITCHSymbol)
    -> ITCHMessage
  {
    let shares = UInt32(clamping: event.quantity)
    let order = event.orderID
    switch event.kind {
    case .cancel:
      return .orderCancel(
        .init(header: header, orderReferenceNumber: order, cancelledShares: shares)
      )
    case .delete:
      return .orderDelete(.init(header: header, orderReferenceNumber: order))
    case .replace:
      return .orderReplace(
        .init(
          header: header,
          originalOrderReferenceNumber: order,
          newOrderReferenceNumber: event.newOrderID,
          shares: shares,
          price: Price(raw: event.price)
        )
      )
    default:
      return .addOrder(
        .init(
          header: header,
          orderReferenceNumber: order,
          buySellIndicator: side(event),
          shares: shares,
          stock: stock,
          price: Price(raw: event.price)
        )
      )
    }
  }

  /// E, C, P, H or Q for an execution, trade or state event.
  private static func tradeMessage(
    from event: OrderEvent,
    header: ITCHHeader,
    stock: ITCHSymbol,
    matchNumber: UInt64,
    crossType: UInt8
  ) -> ITCHMessage {
    let shares = UInt32(clamping: event.quantity)
    let price = Price(raw: event.price)
    switch event.kind {
    case .execute where event.price == 0:
      return .orderExecuted(
        .init(
          header: header,
          orderReferenceNumber: event.orderID,
          executedShares: shares,
          matchNumber: matchNumber
        )
      )
    case .execute:
      return .orderExecutedWithPrice(
        .init(
          header: header,
          orderReferenceNumber: event.orderID,
          executedShares: shares,
          matchNumber: matchNumber,
          printable: 0x59,
          executionPrice: price
        )
      )
    case .hiddenTrade:
      return .trade(
        .init(
          header: header,
          orderReferenceNumber: event.orderID,
          buySellIndicator: side(event),
          shares: shares,
          stock: stock,
          price: price,
          matchNumber: matchNumber
        )
      )
    case .tradingState:
      return .stockTradingAction(
        .init(
          header: header,
          stock: stock,
          tradingState: event.quantity != 0 ? 0x48 : 0x54,
          reserved: 0x20,
          reason: ITCHCode("")
        )
      )
    default:
      return .crossTrade(
        .init(
          header: header,
          shares: UInt64(clamping: event.quantity),
          stock: stock,
          crossPrice: price,
          matchNumber: matchNumber,
          crossType: crossType
        )
      )
    }
  }

  /// `S` for sell, `B` for buy.
  private static func side(_ event: OrderEvent) -> UInt8 { event.side == .sell ? 0x53 : 0x42 }
}
