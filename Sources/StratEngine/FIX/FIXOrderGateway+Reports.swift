import StratFIX
import StratMarket
import StratRuntime

extension FIXOrderGateway {
  /// An ExecutionReport as the OMS's update or fill. ExecType: 0 new, F trade, 4 cancelled,
  /// 5 replaced, 8 rejected, C expired, I status (a mass-status answer, not an update).
  func executionReport(_ message: FIXMessageView, now: Int64) {
    guard let clOrdID = message.string(11), let orderID = self.orderID(in: clOrdID),
      let execType = message.value(150)?.first
    else { return unreadable(message) }
    let time = message.value(60).flatMap(FIXTime.parseTimestamp) ?? now
    let leaves = Int64(message.int(151) ?? 0)
    let state = Self.state(message.value(39)?.first)
    let executionID = Self.executionID(message.string(17))
    guard execType == UInt8(ascii: "I") || locked({ seen.isFirst(executionID) }) else { return }
    switch execType {
    case UInt8(ascii: "I"):
      return status(message, orderID: orderID, leaves: leaves, state: state)
    case UInt8(ascii: "F"):
      guard let quantity = message.int(32), let priceText = message.value(31), let price = try? Price(utf8: priceText),
        let order = locked({ orders[orderID] })
      else { return unreadable(message) }
      let fill = VenueFill(
        orderID: orderID, instrument: order.request.instrument, side: order.request.side, price: price.raw,
        quantity: Int64(quantity), time: time, liquidity: message.value(851, is: "1") ? .maker : .taker,
        fee: Money(raw: 0), remainingQuantity: leaves, executionID: executionID)
      locked { pending.fills.append(fill) }
    default:
      guard let kind = Self.kind(execType, message) else { return unreadable(message) }
      let update = VenueOrderUpdate(orderID: orderID, time: time, kind: kind, state: state, remainingQuantity: leaves, executionID: executionID)
      locked { pending.updates.append(update) }
    }
  }

  /// An OrderCancelReject: the cancel or replace did not happen; the order stands as it was.
  func cancelReject(_ message: FIXMessageView, now: Int64) {
    guard let clOrdID = message.string(11), let orderID = self.orderID(in: clOrdID) else { return unreadable(message) }
    let reason: VenueRejectReason =
      switch message.string(102) {
      case "0": .orderClosed
      case "1": .unknownOrder
      default: .venueRefused
      }
    let state = Self.state(message.value(39)?.first)
    let update = VenueOrderUpdate(orderID: orderID, time: now, kind: .requestRejected(reason), state: state, remainingQuantity: 0)
    locked { pending.updates.append(update) }
  }

  private func status(_ message: FIXMessageView, orderID: UInt64, leaves: Int64, state: VenueOrderState) {
    locked {
      if let order = orders[orderID], !state.isFinal {
        var request = order.request
        request.id = orderID
        var status = VenueOrderStatus(id: orderID, request: request, decidedAt: 0, arrivalTime: 0)
        status.remainingQuantity = leaves
        status.filledQuantity = Int64(message.int(14) ?? 0)
        status.state = state
        statusReplies.append(status)
      }
      if message.value(912, is: "Y") || message.string(37) == "NONE" { statusDone = true }
    }
  }

  /// The order id in `PREFIX<id>` or `PREFIX<id>.<n>`; nil for another session's ids.
  func orderID(in clOrdID: String) -> UInt64? {
    guard clOrdID.hasPrefix(prefix) else { return nil }
    let rest = clOrdID.dropFirst(prefix.count)
    return UInt64(rest.split(separator: ".", maxSplits: 1).first ?? "")
  }

  private func unreadable(_ message: FIXMessageView) {
    locked { unreadableReportCount += 1 }
  }

  static func kind(_ execType: UInt8, _ message: FIXMessageView) -> VenueOrderUpdate.Kind? {
    switch execType {
    case UInt8(ascii: "0"): .accepted
    case UInt8(ascii: "4"), UInt8(ascii: "C"): .cancelled(cancelReason(message))
    case UInt8(ascii: "5"): .replaced(keptPriority: false)
    case UInt8(ascii: "8"): .rejected(message.string(103) == "1" ? .unknownInstrument : message.string(103) == "13" ? .invalidQuantity : .venueRefused)
    default: nil
    }
  }

  private static func cancelReason(_ message: FIXMessageView) -> VenueCancelReason {
    guard let text = message.string(58) else { return .requested }
    if text.hasPrefix("immediateOrCancel") { return .immediateOrCancel }
    if text.hasPrefix("marketUnfilled") { return .noLiquidity }
    return .requested
  }

  static func state(_ ordStatus: UInt8?) -> VenueOrderState {
    switch ordStatus {
    case UInt8(ascii: "0"): .open
    case UInt8(ascii: "1"): .partiallyFilled
    case UInt8(ascii: "2"): .filled
    case UInt8(ascii: "4"), UInt8(ascii: "C"): .cancelled
    case UInt8(ascii: "8"): .rejected
    default: .pendingNew
    }
  }

  /// The venue's ExecID as the number the OMS deduplicates on: its digits, or a hash of it.
  static func executionID(_ text: String?) -> UInt64 {
    guard let text else { return 0 }
    if let number = UInt64(text.filter(\.isNumber)), number > 0 { return number }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }
}
