import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data info` for trade, quote and order CSVs: streams the file once with its reader.
enum DataInfoCSV {
  /// Layout, rows, span, symbols, ignored columns and malformed rows of a CSV file.
  static func describe(_ path: String, format: DataFormat, policy: MalformedInputPolicy)
    throws(MarketDataError) -> String
  {
    var first = Int64.max
    var last = Int64.min
    var symbols: [String] = []
    func see(_ time: Int64, _ symbol: String) {
      first = min(first, time)
      last = max(last, time)
      if symbols.last != symbol && !symbols.contains(symbol) { symbols.append(symbol) }
    }
    let rows: Int
    let skipped: Int
    var details = ""
    switch format {
    case .csvTrades:
      let r = try TradeCSVReader(path: path, policy: policy)
      while let t = try r.next() { see(t.timeNanos, r.symbol) }
      (rows, skipped) = (r.count, r.skipped)
      details = "  columns  time, price, size\(r.hasSide ? ", side" : "")\(r.hasSymbolColumn ? ", symbol" : "")"
        + (r.ignoredColumns.isEmpty ? "" : " (ignored: \(r.ignoredColumns.joined(separator: ", ")))") + "\n"
    case .csvQuotes:
      let r = try QuoteCSVReader(path: path, policy: policy)
      while let q = try r.next() { see(q.timeNanos, r.symbol) }
      (rows, skipped) = (r.count, r.skipped)
      details = r.ignoredColumns.isEmpty ? "" : "  ignored  \(r.ignoredColumns.joined(separator: ", "))\n"
    default:
      let r = try OrderCSVReader(stream: try ByteStreams.open(path: path), policy: policy)
      while let e = try r.next() { see(e.timeNanos, r.symbol) }
      (rows, skipped) = (r.count, r.skipped)
    }
    let span = rows == 0 ? "(no rows)" : "\(DataCommand.time(first)) … \(DataCommand.time(last))"
    let shown = symbols.prefix(10).joined(separator: ", ") + (symbols.count > 10 ? ", …" : "")
    return "\(path): \(format.rawValue)\n" + details
      + "  symbols  \(symbols.isEmpty ? TickCSVFileName.symbol(path: path) : shown) (\(max(symbols.count, 1)))\n"
      + "  rows     \(rows)\n  span     \(span)\n"
      + (skipped > 0 ? "  skipped  \(skipped) malformed rows\n" : "")
  }
}
