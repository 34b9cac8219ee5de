import StratRuntime
import StratMarket

/// The audit columns and files: `trades.csv`'s trace columns, `orders.csv`, and `equity.csv`'s
/// cash, market value and gross exposure. Strings are built here, at write time only.
extension BacktestResult {
  /// The header of `trades.csv` (`AuditCSV` owns the layout).
  public static let tradesHeader = AuditCSV.tradesHeader
  /// The header of `orders.csv`.
  public static let ordersHeader = AuditCSV.ordersHeader

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

  /// The bytes of `orders.csv`: one row per order life event and per risk denial, in the order
  /// they happened (see Docs/OUTPUTS.md); `summary.json`'s `orders_omitted` counts rows past
  /// the log's bound.
  public func ordersCSV() -> [UInt8] { ordersCSV(timeDigits: timeFractionDigits) }

  func ordersCSV(timeDigits: Int) -> [UInt8] {
    AuditCSV.orders(orderLog, instruments: instruments, timeDigits: timeDigits)
  }

}
