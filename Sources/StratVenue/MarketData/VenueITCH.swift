import StratMarket

/// The venue's own book as ITCH 5.0: what a `MatchingBook` operation's events mean to a reader
/// of the feed, and the day's system and directory messages.
///
///   rested → A (or U when it is the new order of a replace that lost priority)
///   fill → E on the resting order (its own price; the aggressor is not on the book)
///   cancelled, resting → D          replaced, priority kept → X (the shares taken off)
///   replaced, priority lost, new order does not rest at once → D on the old order
///   accepted, rejected, cancel-rejected, unrested cancels → nothing (not book changes)
public enum VenueITCH {
  /// Appends the messages for one operation's `events` on instrument `locate` to `output`.
  public static func append(
    _ events: MatchingEvents,
    locate: UInt16,
    stock: ITCHSymbol,
    timestamp: Int64,
    to output: inout [ITCHMessage]
  ) {
    let header = ITCHHeader(stockLocate: locate, timestamp: timestamp)
    var replacing: MatchingEvent.Replaced?
    for event in events {
      if let old = replacing {
        replacing = nil
        if case .rested(let new) = event, new.orderID == old.newOrderID {
          output.append(
            .orderReplace(
              .init(
                header: header,
                originalOrderReferenceNumber: old.orderID,
                newOrderReferenceNumber: new.orderID,
                shares: UInt32(new.quantity),
                price: new.price
              )
            )
          )
          continue
        }
        output.append(.orderDelete(.init(header: header, orderReferenceNumber: old.orderID)))
      }
      switch event {
      case .rested(let r):
        output.append(
          .addOrder(
            .init(
              header: header,
              orderReferenceNumber: r.orderID,
              buySellIndicator: r.side == .buy ? 0x42 : 0x53,
              shares: UInt32(r.quantity),
              stock: stock,
              price: r.price
            )
          )
        )
      case .fill(let f):
        output.append(
          .orderExecuted(
            .init(
              header: header,
              orderReferenceNumber: f.restingOrderID,
              executedShares: UInt32(f.quantity),
              matchNumber: f.matchNumber
            )
          )
        )
      case .cancelled(let c) where c.wasResting:
        output.append(.orderDelete(.init(header: header, orderReferenceNumber: c.orderID)))
      case .replaced(let r) where r.keptPriority:
        output.append(
          .orderCancel(
            .init(
              header: header,
              orderReferenceNumber: r.orderID,
              cancelledShares: UInt32(r.previousQuantity - r.quantity)
            )
          )
        )
      case .replaced(let r):
        replacing = r
      default:
        break
      }
    }
    if let old = replacing {
      output.append(.orderDelete(.init(header: header, orderReferenceNumber: old.orderID)))
    }
  }

  /// The start of the day: start of messages (O), a stock directory (R) per instrument, start
  /// of system hours (S) and of market hours (Q).
  public static func startOfDay(_ instruments: [MatchingInstrument], timestamp: Int64)
    -> [ITCHMessage]
  {
    var out = [systemEvent(0x4F, timestamp)]
    out += instruments.map { directory($0, timestamp) }
    out += [systemEvent(0x53, timestamp), systemEvent(0x51, timestamp)]
    return out
  }

  /// The end of the day: end of market hours (M), end of system hours (E), end of messages (C).
  public static func endOfDay(timestamp: Int64) -> [ITCHMessage] {
    [systemEvent(0x4D, timestamp), systemEvent(0x45, timestamp), systemEvent(0x43, timestamp)]
  }

  static func systemEvent(_ code: UInt8, _ timestamp: Int64) -> ITCHMessage {
    .systemEvent(.init(header: ITCHHeader(timestamp: timestamp), eventCode: code))
  }

  /// An `R` for `instrument`: round lot 100, not round-lots-only, common stock, test authenticity
  /// (a paper venue), the other flags "not available".
  static func directory(_ instrument: MatchingInstrument, _ timestamp: Int64) -> ITCHMessage {
    .stockDirectory(
      .init(
        header: ITCHHeader(stockLocate: instrument.locate, timestamp: timestamp),
        stock: ITCHSymbol(instrument.symbol),
        marketCategory: 0x20,
        financialStatusIndicator: 0x20,
        roundLotSize: 100,
        roundLotsOnly: 0x4E,
        issueClassification: 0x43,
        issueSubType: 0x2020,
        authenticity: 0x54,
        shortSaleThresholdIndicator: 0x20,
        ipoFlag: 0x20,
        luldReferencePriceTier: 0x20,
        etpFlag: 0x20,
        etpLeverageFactor: 0,
        inverseIndicator: 0x20
      )
    )
  }
}
