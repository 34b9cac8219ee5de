import StratFIX
import StratMarket

/// The FIX 4.4 messages the venue answers with: ExecutionReport (8) and OrderCancelReject (9).
/// Fields are written in tag order. ExecIDs are the venue's, unique for the day.
struct ExecutionReports {
  var nextExecID = 1

  struct Report {
    var execType: Character
    var lastQuantity: Int64 = 0
    var lastPrice: Price = .zero
    var text: String? = nil
    var rejectReason: Int? = nil
  }

  mutating func write(_ order: VenueOrder, _ report: Report, now: Int64, to encoder: FIXEncoder) {
    let execID = nextExecID
    nextExecID += 1
    encoder.append(6, fixed: Int64((order.averagePrice * 1e8).rounded()), decimals: 8)
    encoder.append(11, order.clOrdID)
    encoder.append(14, Int(order.cumulative))
    encoder.append(17, "E\(execID)")
    if report.lastQuantity > 0 {
      encoder.append(31, fixed: report.lastPrice.raw, decimals: 8)
      encoder.append(32, Int(report.lastQuantity))
    }
    encoder.append(37, order.orderID)
    encoder.append(38, Int(order.orderQuantity))
    encoder.append(39, character: order.status.asciiValue!)
    encoder.append(40, character: order.kind == .market ? UInt8(ascii: "1") : UInt8(ascii: "2"))
    if let original = order.originalClOrdID { encoder.append(41, original) }
    if order.kind == .limit { encoder.append(44, fixed: order.price.raw, decimals: 8) }
    encoder.append(54, character: order.side == .buy ? UInt8(ascii: "1") : UInt8(ascii: "2"))
    encoder.append(55, order.symbol)
    if let text = report.text { encoder.append(58, text) }
    encoder.append(59, character: order.timeInForce == .day ? UInt8(ascii: "0") : UInt8(ascii: "3"))
    encoder.append(60, timestamp: now)
    if let reason = report.rejectReason { encoder.append(103, reason) }
    encoder.append(150, character: report.execType.asciiValue!)
    encoder.append(151, Int(order.isOpen ? order.leaves : 0))
  }

  /// A rejected new order that never became a venue order (OrderID NONE, as FIX allows).
  mutating func writeReject(_ command: VenueCommand, text: String, reason: Int, now: Int64, to encoder: FIXEncoder) {
    let execID = nextExecID
    nextExecID += 1
    encoder.append(6, 0)
    encoder.append(11, command.clOrdID)
    encoder.append(14, 0)
    encoder.append(17, "E\(execID)")
    encoder.append(37, "NONE")
    encoder.append(39, character: UInt8(ascii: "8"))
    if case .new(let side, _, _, _, _) = command.kind {
      encoder.append(54, character: side == .buy ? UInt8(ascii: "1") : UInt8(ascii: "2"))
    } else {
      encoder.append(54, character: UInt8(ascii: "1"))
    }
    encoder.append(55, command.symbol.isEmpty ? "[N/A]" : command.symbol)
    encoder.append(58, text)
    encoder.append(60, timestamp: now)
    encoder.append(103, reason)
    encoder.append(150, character: UInt8(ascii: "8"))
    encoder.append(151, 0)
  }

  /// OrderCancelReject (9): CxlRejResponseTo 1 for a cancel, 2 for a replace; CxlRejReason
  /// 0 too late, 1 unknown order, 3 already pending, 99 other.
  func writeCancelReject(
    _ command: VenueCommand, order: VenueOrder?, replace: Bool, reason: Int, text: String, to encoder: FIXEncoder
  ) {
    encoder.append(11, command.clOrdID)
    encoder.append(37, order?.orderID ?? "NONE")
    encoder.append(39, character: order?.status.asciiValue ?? UInt8(ascii: "8"))
    switch command.kind {
    case .cancel(let original), .replace(let original, _, _): encoder.append(41, original)
    default: encoder.append(41, "NONE")
    }
    encoder.append(58, text)
    encoder.append(102, reason)
    encoder.append(434, character: replace ? UInt8(ascii: "2") : UInt8(ascii: "1"))
  }
}
