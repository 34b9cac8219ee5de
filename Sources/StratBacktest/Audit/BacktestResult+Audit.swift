import StratMarket

/// The audit columns and files: `trades.csv`'s trace columns, `orders.csv`, and `equity.csv`'s
/// cash, market value and gross exposure. Strings are built here, at write time only.
extension BacktestResult {
  /// The columns `trades.csv` appends after its first six.
  static let traceHeader = ",symbol,order_id,decided,arrived,liquidity,event"
  /// The header of `trades.csv`: the six columns of every release, then the trace.
  public static let tradesHeader = "time,instrument,side,quantity,price,fee" + traceHeader + "\n"

  /// Appends `,symbol,order_id,decided,arrived,liquidity,event` of fill `k` (empty fields for a
  /// fill without a trace).
  func appendTrace(of k: Int, to out: inout TextBuffer) {
    let fill = ledger.fills[k]
    out.append(byte: 0x2C)
    if instruments.indices.contains(fill.instrument) { out.append(instruments[fill.instrument].symbol) }
    guard fillTraces.indices.contains(k) else { return out.append(",,,,,") }
    let trace = fillTraces[k]
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

  /// The bytes of `equity.csv`: `time,equity,cash,market_value,gross_exposure`, one line per
  /// step. Book runs record cash and gross exposure per step (market value = equity − cash);
  /// bar runs replay them from the fills and closes (`replayExposure`).
  public func equityCSV() -> [UInt8] {
    equityCSV(rows: 0..<stepTimes.count, timeDigits: timeFractionDigits)
  }

  /// The bytes of `equity.csv`'s lines for steps `rows` (the header when they start at 0), so
  /// that two halves formatted apart concatenate to the whole file.
  func equityCSV(rows: Range<Int>, timeDigits: Int) -> [UInt8] {
    var out = TextBuffer(capacity: 64 + rows.count * 80)
    out.timeFractionDigits = timeDigits
    if rows.lowerBound == 0 { out.append("time,equity,cash,market_value,gross_exposure\n") }
    func line(_ k: Int, _ cash: Int64?, _ market: Int64, _ gross: Int64) {
      out.append(time: stepTimes[k])
      if let cash {
        out.append(commaMoney: equity[k], Money(raw: cash), Money(raw: market), Money(raw: gross))
      } else {
        out.append(byte: 0x2C)
        out.append(equity[k])
        out.append(",,,")
      }
      out.append(byte: 0x0A)
    }
    if cash.count == stepTimes.count, grossExposure.count == stepTimes.count {
      for k in rows { line(k, cash[k].raw, equity[k].raw &- cash[k].raw, grossExposure[k].raw) }
    } else if let barMarks, fillTraces.count == ledger.fills.count {
      replayExposure(barMarks, rows: rows) { k, cash, market, gross in line(k, cash, market, gross) }
    } else {
      for k in rows { line(k, nil, 0, 0) }
    }
    return out.bytes
  }

  /// The header of `orders.csv`.
  public static let ordersHeader =
    "time,order_id,instrument,symbol,event,side,quantity,price,remaining,reason,decided,step,queue_ahead,detail\n"

  /// The bytes of `orders.csv`: one row per order life event and per risk denial, in the order
  /// they happened (see Docs/OUTPUTS.md); `summary.json`'s `orders_omitted` counts rows past
  /// the log's bound.
  public func ordersCSV() -> [UInt8] { ordersCSV(timeDigits: timeFractionDigits) }

  func ordersCSV(timeDigits: Int) -> [UInt8] {
    var out = TextBuffer(capacity: 128 + orderLog.entries.count * 120)
    out.timeFractionDigits = timeDigits
    out.append(Self.ordersHeader)
    var denial = 0  // the next of `orderLog.denials`, which are in row order
    // Names and codes as bytes, once: rows repeat a handful of them.
    let names = instruments.map { Array($0.name.utf8) }
    let symbols = instruments.map { Array($0.symbol.utf8) }
    var codes: [OrderLogEntry.Reason: [UInt8]] = [:]
    for (k, entry) in orderLog.entries.enumerated() {
      var detail: RiskDenial?
      if denial < orderLog.denials.count, orderLog.denials[denial].row == k {
        detail = orderLog.denials[denial].denial
        denial += 1
      }
      if codes[entry.reason] == nil { codes[entry.reason] = Array(entry.reason.code.utf8) }
      appendRow(entry, names: names, symbols: symbols, code: codes[entry.reason]!, detail: detail, to: &out)
    }
    return out.bytes
  }

  private func appendRow(
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
    if let detail { Self.appendQuoted(detail.description, to: &out) }
    out.append(byte: 0x0A)
  }

  /// Appends a CSV field in double quotes, inner quotes doubled.
  static func appendQuoted(_ text: String, to out: inout TextBuffer) {
    out.append(byte: 0x22)
    out.append(text.replacingOccurrences(of: "\"", with: "\"\""))
    out.append(byte: 0x22)
  }
}
