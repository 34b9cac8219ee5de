import StratRuntime
import StratMarket

/// The CSV a sweep streams: one row per run in grid order,
/// `run,<parameters…>,pnl,sharpe,sortino,max_drawdown,trades,turnover,fees,steps,events,rejected,unfilled,total_return,sharpe_returns,error,run_id`,
/// and nothing else, so that `pandas.read_csv` reads it as it is: the number of trials (which
/// any multiple-testing correction of the best Sharpe ratio needs) goes to stderr and the JSON
/// sidecar (`SweepSidecar`). Money is exact; ratios have six decimals; a failed run has empty
/// metrics and its diagnostic in `error`.
public enum SweepCSV {
  /// The metric columns after the parameters.
  public static let metricColumns = [
    "pnl", "sharpe", "sortino", "max_drawdown", "trades", "turnover", "fees", "steps", "events",
    "rejected", "unfilled", "total_return", "sharpe_returns", "error", "run_id",
  ]

  /// The header line.
  public static func header(parameters: [String]) -> [UInt8] {
    var out = TextBuffer(capacity: 160)
    out.append("run")
    for name in parameters + metricColumns {
      out.append(byte: 0x2C)
      appendField(name, to: &out)
    }
    out.append(byte: 0x0A)
    return out.bytes
  }

  /// The line of run `index`.
  public static func row(index: Int, values: [SweepValue], outcome: SweepOutcome) -> [UInt8] {
    var out = TextBuffer(capacity: 160)
    out.append(Int64(index))
    for value in values {
      out.append(byte: 0x2C)
      out.append(value.description)
    }
    if let m = outcome.metrics {
      out.append(byte: 0x2C)
      out.append(m.pnl)
      out.append(byte: 0x2C)
      out.append(m.sharpe, decimals: 6)
      out.append(byte: 0x2C)
      out.append(outcome.sortino, decimals: 6)
      out.append(byte: 0x2C)
      out.append(m.maxDrawdown)
      out.append(byte: 0x2C)
      out.append(Int64(m.trades))
      out.append(byte: 0x2C)
      out.append(m.turnover)
      out.append(byte: 0x2C)
      out.append(m.fees)
      for count in [m.steps, m.events, m.rejected, m.unfilled] {
        out.append(byte: 0x2C)
        out.append(Int64(count))
      }
      out.append(byte: 0x2C)
      out.append(outcome.totalReturn, decimals: 6)
      out.append(byte: 0x2C)
      if let sharpe = outcome.sharpeReturns { out.append(sharpe, decimals: 6) }
      out.append(byte: 0x2C)  // an empty error
    } else {
      for _ in metricColumns.dropLast() { out.append(byte: 0x2C) }
      appendField(outcome.error ?? "", to: &out)
    }
    out.append(byte: 0x2C)
    out.append(outcome.runID ?? "")
    out.append(byte: 0x0A)
    return out.bytes
  }

  /// Appends a field, quoted (RFC 4180) when it holds a comma, quote or line break.
  static func appendField(_ text: String, to out: inout TextBuffer) {
    guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else { return out.append(text) }
    out.append(byte: 0x22)
    for byte in text.utf8 {
      if byte == 0x22 { out.append(byte: 0x22) }
      out.append(byte: byte)
    }
    out.append(byte: 0x22)
  }
}
