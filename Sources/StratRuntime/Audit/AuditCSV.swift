import StratABI
import StratMarket

/// The one owner of `trades.csv` and `orders.csv` (Docs/OUTPUTS.md), written by a backtest and by
/// the engine alike, so a paper or live day can be compared with a backtest byte for byte.
/// Strings are built here, at write time only.
package enum AuditCSV {
  /// The columns `trades.csv` appends after its first six.
  static let traceHeader = ",symbol,order_id,decided,arrived,liquidity,event"
  /// The header of `trades.csv`: the six columns of every release, then the trace.
  package static let tradesHeader = "time,instrument,side,quantity,price,fee" + traceHeader + "\n"
  /// The header of `orders.csv`.
  package static let ordersHeader =
    "time,order_id,instrument,symbol,event,side,quantity,price,remaining,reason,decided,step,queue_ahead,detail\n"

  /// The fraction digits of every time a run's files write (0, 3, 6 or 9): one layout for every
  /// time column of every file, so that `pandas.to_datetime` reads each column and times of one
  /// instant compare equal as text across files.
  package static func timeDigits(stepTimes: [Int64], fills: [Fill], traces: [FillTrace], log: OrderLog) -> Int {
    max(
      Timestamp.fractionDigits(stepTimes), Timestamp.fractionDigits(fills.lazy.map(\.time)),
      Timestamp.fractionDigits(traces.lazy.map(\.arrived)),
      Timestamp.fractionDigits(log.entries.lazy.map(\.time)))
  }

  /// The bytes of `trades.csv`: `time,instrument,side,quantity,price,fee`, one fill per line,
  /// time in ISO 8601 UTC, quantity unsigned, price and fee exact with at least two decimals;
  /// then the trace columns (`appendTrace`).
  package static func trades(
    _ fills: [Fill], traces: [FillTrace], instruments: [InstrumentBinding], timeDigits: Int
  ) -> [UInt8] {
    var out = TextBuffer(capacity: 64 + fills.count * 64)
    out.timeFractionDigits = timeDigits
    out.append(tradesHeader)
    let names = instruments.map(\.name)
    for (k, fill) in fills.enumerated() {
      out.append(time: fill.time)
      out.append(byte: 0x2C)
      out.append(names[fill.instrument])
      out.append(fill.side == .buy ? ",BUY," : ",SELL,")
      out.append(fill.size)
      out.append(byte: 0x2C)
      out.append(fill.price)
      out.append(byte: 0x2C)
      out.append(fill.fee)
      appendTrace(fill, k < traces.count ? traces[k] : nil, instruments: instruments, to: &out)
      out.append(byte: 0x0A)
    }
    return out.bytes
  }

  /// Appends `,symbol,order_id,decided,arrived,liquidity,event` of a fill (empty fields for a
  /// fill without a trace).
  static func appendTrace(
    _ fill: Fill, _ trace: FillTrace?, instruments: [InstrumentBinding], to out: inout TextBuffer
  ) {
    out.append(byte: 0x2C)
    if instruments.indices.contains(fill.instrument) { out.append(instruments[fill.instrument].symbol) }
    guard let trace else { return out.append(",,,,,") }
    out.append(byte: 0x2C)
    out.append(Int64(trace.orderID))
    out.append(byte: 0x2C)
    out.append(time: trace.decided)
    out.append(byte: 0x2C)
    out.append(time: trace.arrived)
    out.append(byte: 0x2C)
    out.append(trace.liquidity.name)
    out.append(byte: 0x2C)
    out.append(Int64(trace.event))
  }

  /// The bytes of `orders.csv`: one row per order life event and per risk denial, in the order
  /// they happened.
  package static func orders(_ log: OrderLog, instruments: [InstrumentBinding], timeDigits: Int) -> [UInt8] {
    var out = TextBuffer(capacity: 128 + log.entries.count * 120)
    out.timeFractionDigits = timeDigits
    out.append(ordersHeader)
    var denial = 0  // the next of `log.denials`, which are in row order
    // Names and codes as bytes, once: rows repeat a handful of them.
    let names = instruments.map { Array($0.name.utf8) }
    let symbols = instruments.map { Array($0.symbol.utf8) }
    var codes: [OrderLogEntry.Reason: [UInt8]] = [:]
    for (k, entry) in log.entries.enumerated() {
      var detail: RiskDenial?
      if denial < log.denials.count, log.denials[denial].row == k {
        detail = log.denials[denial].denial
        denial += 1
      }
      if codes[entry.reason] == nil { codes[entry.reason] = Array(entry.reason.code.utf8) }
      appendRow(entry, names: names, symbols: symbols, code: codes[entry.reason]!, detail: detail, to: &out)
    }
    return out.bytes
  }

  private static func appendRow(
    _ e: OrderLogEntry, names: [[UInt8]], symbols: [[UInt8]], code: [UInt8], detail: RiskDenial?,
    to out: inout TextBuffer
  ) {
    out.append(time: e.time)
    out.append(byte: 0x2C)
    if e.orderID > 0 { out.append(Int64(e.orderID)) }
    out.append(byte: 0x2C)
    let known = names.indices.contains(e.instrument)
    if known { out.bytes.append(contentsOf: names[e.instrument]) }
    out.append(byte: 0x2C)
    if known { out.bytes.append(contentsOf: symbols[e.instrument]) }
    out.append(byte: 0x2C)
    out.append(e.event.csvName)
    out.append(e.side > 0 ? ",BUY," : e.side < 0 ? ",SELL," : ",,")
    out.append(e.quantity)
    out.append(byte: 0x2C)
    if let price = e.price { out.append(price) }
    out.append(byte: 0x2C)
    if let remaining = e.remaining { out.append(remaining) }
    out.append(byte: 0x2C)
    out.bytes.append(contentsOf: code)
    out.append(byte: 0x2C)
    out.append(time: e.decided)
    out.append(byte: 0x2C)
    out.append(Int64(e.step))
    out.append(byte: 0x2C)
    if let ahead = e.queueAhead { out.append(ahead) }
    out.append(byte: 0x2C)
    if let detail { appendQuoted(detail.description, to: &out) }
    out.append(byte: 0x0A)
  }

  /// Appends a CSV field in double quotes, inner quotes doubled.
  package static func appendQuoted(_ text: String, to out: inout TextBuffer) {
    out.append(byte: 0x22)
    out.append(text.replacingOccurrences(of: "\"", with: "\"\""))
    out.append(byte: 0x22)
  }
}
