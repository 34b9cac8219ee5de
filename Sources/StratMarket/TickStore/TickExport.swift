import Foundation
import StratDiagnostics

/// Writes a tick file back as CSV in the layout `stratc data import` reads, so that
/// import → export → import gives the same tick file byte for byte. Times are ISO 8601 UTC with
/// up to nine decimals; prices and sizes are exact decimals (trailing zeros trimmed).
///
///     bars:    time,open,high,low,close[,volume]
///     trades:  time,price,size,side,symbol          side: buy, sell or empty
///     quotes:  time,bid,bid_size,ask,ask_size,symbol
///     orders:  time,kind,side,order_id,new_order_id,price,quantity,instrument,symbol
public enum TickExport {
  /// Writes `file` as CSV to the descriptor `fd` (named `name` in errors), in chunks.
  public static func csv(_ file: TickFile, to fd: Int32, name: String) throws(MarketDataError) {
    try checkImportable(file)
    var out: [UInt8] = []
    out.reserveCapacity(1 << 17)
    out.append(contentsOf: headerLine(file).utf8)
    let symbol = Array(file.header.symbol.utf8)
    for row in 0..<file.rowCount {
      appendRow(file, row, symbol: symbol, to: &out)
      if out.count >= 1 << 16 { try flush(&out, fd, name) }
    }
    try flush(&out, fd, name)
  }

  /// Refuses to export what `stratc data import` would refuse to read back. Values were checked
  /// when the file was opened (`TickFile+Values.swift`, the CSV readers' rules); what is left is
  /// time order, which a file may leave unsorted (flag `timeSorted` clear) but a CSV may not.
  static func checkImportable(_ file: TickFile) throws(MarketDataError) {
    let times = file.times
    for row in times.indices.dropFirst() where times[row] < times[row - 1] {
      throw MarketDataError(diagnostics: [
        TickDiagnostics.badValue(
          path: file.path, row: row, column: "time", offset: file.header.entries[0].offset + row * 8,
          "times in order for a CSV that `stratc data import` reads back (at or after "
            + "\(Timestamp.iso8601(times[row - 1])), row \(row - 1))", found: Timestamp.iso8601(times[row]))
      ])
    }
  }

  /// The header line of `file`'s kind.
  static func headerLine(_ file: TickFile) -> String {
    switch file.header.kind {
    case .bars:
      let volume = file.header.flags & TickFileHeader.flagHasVolume != 0 ? ",volume" : ""
      return "time,open,high,low,close\(volume)\n"
    case .trades: return "time,price,size,side,symbol\n"
    case .quotes: return "time,bid,bid_size,ask,ask_size,symbol\n"
    case .orders: return "time,kind,side,order_id,new_order_id,price,quantity,instrument,symbol\n"
    case .book: return "time,level,bid,bid_size,ask,ask_size,symbol\n"
    }
  }

  /// Appends row `row` of `file`.
  static func appendRow(_ file: TickFile, _ row: Int, symbol: [UInt8], to out: inout [UInt8]) {
    Timestamp.appendISO8601(file.times[row], to: &out)
    switch file.header.kind {
    case .bars:
      for column in [TickColumn.open, .high, .low, .close] { number(file.int64(column)[row], &out) }
      if file.header.flags & TickFileHeader.flagHasVolume != 0 { number(file.int64(.volume)[row], &out) }
    case .trades:
      number(file.int64(.price)[row], &out)
      number(file.int64(.quantity)[row], &out)
      let side = file.uint8(.side)[row]
      out.append(contentsOf: side == 0 ? Array(",buy".utf8) : side == 1 ? Array(",sell".utf8) : [0x2C])
    case .quotes:
      for column in [TickColumn.bid, .bidSize, .ask, .askSize] { number(file.int64(column)[row], &out) }
    case .orders:
      appendOrder(file, row, to: &out)
    case .book:
      out.append(contentsOf: ",\(file.uint8(.level)[row])".utf8)
      number(file.int64(.bid)[row], &out)
      out.append(contentsOf: ",\(file.int64(.bidSize)[row])".utf8)
      number(file.int64(.ask)[row], &out)
      out.append(contentsOf: ",\(file.int64(.askSize)[row])".utf8)
    }
    if file.header.kind != .bars {
      out.append(0x2C)
      out.append(contentsOf: symbol)
    }
    out.append(0x0A)
  }

  private static func appendOrder(_ file: TickFile, _ row: Int, to out: inout [UInt8]) {
    let kind = OrderEvent.Kind(rawValue: file.uint8(.kind)[row]) ?? .tradingState
    out.append(0x2C)
    out.append(contentsOf: OrderCSVReader.name(of: kind).utf8)
    out.append(contentsOf: file.uint8(.side)[row] == 0 ? Array(",buy".utf8) : Array(",sell".utf8))
    for column in [TickColumn.orderID, .newOrderID] {
      out.append(0x2C)
      FixedPointText.appendUnsigned(file.uint64(column)[row], to: &out)
    }
    number(file.int64(.price)[row], &out)
    out.append(contentsOf: ",\(file.int64(.quantity)[row]),\(file.uint32(.instrument)[row])".utf8)
  }

  /// Appends `,` and the exact decimal of a 1e-8 count.
  @inline(__always)
  private static func number(_ raw: Int64, _ out: inout [UInt8]) {
    out.append(0x2C)
    FixedPointText.append(raw, minimumDecimals: 0, to: &out)
  }

  private static func flush(_ out: inout [UInt8], _ fd: Int32, _ name: String) throws(MarketDataError) {
    let result: Diagnostic? = out.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return TickDiagnostics.io(path: name, doing: "write", reason: FileBytes.lastError()) }
        done += n
      }
      return nil
    }
    out.removeAll(keepingCapacity: true)
    if let result { throw MarketDataError(diagnostics: [result]) }
  }
}
