import Foundation
import StratRuntime
import StratABI
import StratDiagnostics
import StratMarket

extension BacktestResult {
  /// Writes `trades.csv`, `orders.csv`, `equity.csv`, `round_trips.csv` and `summary.json` into
  /// `directory` (created if needed); returns the seconds spent before `summary.json`, which
  /// `timing` (when set) records as `write_s`.
  @discardableResult
  public func write(to directory: String) throws(BacktestError) -> Double {
    do {
      try FileManager.default.createDirectory(
        atPath: directory,
        withIntermediateDirectories: true
      )
    } catch {
      throw BacktestError(
        id: "backtest.io",
        message: "cannot create the output folder `\(directory)`: \(SystemErrorText.describe(error))"
      )
    }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    let start = RunTiming.now()  // after the folder exists: only the files count
    // The CSV files are independent: formatted and written by concurrent jobs; the bytes do not
    // depend on the schedule, and the first failure in file order is the one reported.
    let digits = timeFractionDigits  // once: every file writes the same time layout
    let equityPath = base + "equity.csv"
    let outcomes = ParallelLoad.map(WriteJob.allCases.count) { k -> Result<[UInt8], BacktestError> in
      do throws(BacktestError) {
        return .success(try run(WriteJob.allCases[k], base: base, timeDigits: digits))
      } catch {
        return .failure(error)
      }
    }
    func outcome(_ job: WriteJob) -> Result<[UInt8], BacktestError> { outcomes[job.rawValue] }
    _ = try outcome(.trades).get()
    _ = try outcome(.equityHead).get()
    try Self.write(outcome(.equityTail).get(), to: equityPath, appending: true)
    _ = try outcome(.orders).get()
    _ = try outcome(.roundTrips).get()
    let seconds = RunTiming.now() - start
    var summary = self
    summary.timing?.writeSeconds = seconds
    try Self.write(summary.summaryJSON(), to: base + "summary.json")
    return seconds
  }

  /// `write(to:)`'s concurrent jobs, largest first: equity.csv's rows in two halves (its
  /// million rows are most of the bytes), then the other files whole.
  private enum WriteJob: Int, CaseIterable { case equityHead, equityTail, orders, trades, roundTrips }

  /// Formats and writes the file of `job`; the equity tail is only formatted and returned, for
  /// `write(to:)` to append once the head is written.
  private func run(_ job: WriteJob, base: String, timeDigits: Int) throws(BacktestError) -> [UInt8] {
    let half = stepTimes.count / 2
    switch job {
    case .equityHead: try Self.write(equityCSV(rows: 0..<half, timeDigits: timeDigits), to: base + "equity.csv")
    case .equityTail: return equityCSV(rows: half..<stepTimes.count, timeDigits: timeDigits)
    case .orders: try Self.write(ordersCSV(timeDigits: timeDigits), to: base + "orders.csv")
    case .trades: try Self.write(tradesCSV(timeDigits: timeDigits), to: base + "trades.csv")
    case .roundTrips: try Self.write(roundTripsCSV(timeDigits: timeDigits), to: base + "round_trips.csv")
    }
    return []
  }

  /// The fraction digits of every time this run's files write (0, 3, 6 or 9): one layout for
  /// every time column of every file, so that `pandas.to_datetime` reads each column and times
  /// of one instant compare equal as text across files.
  public var timeFractionDigits: Int {
    AuditCSV.timeDigits(stepTimes: stepTimes, fills: ledger.fills, traces: fillTraces, log: orderLog)
  }

  /// The bytes of `trades.csv` (`AuditCSV.trades`).
  public func tradesCSV() -> [UInt8] { tradesCSV(timeDigits: timeFractionDigits) }

  func tradesCSV(timeDigits: Int) -> [UInt8] {
    AuditCSV.trades(ledger.fills, traces: fillTraces, instruments: instruments, timeDigits: timeDigits)
  }

  /// The bytes of `summary.json`: keys in a fixed order, money as exact decimal numbers, the
  /// Sharpe ratio with six decimals, so that equal runs give equal bytes.
  public func summaryJSON() -> [UInt8] {
    var out = TextBuffer(capacity: 2_048)
    let m = metrics
    out.append("{\n")
    field(&out, "strategy") { $0.appendJSONString(strategy) }
    if let ingredients {
      field(&out, "run_id") { $0.appendJSONString(ingredients.id) }
      field(&out, "inputs") { out in
        object(&out, ingredients.inputs.map(\.name)) { out, k in out.appendJSONString(ingredients.inputs[k].sha256) }
      }
    }
    field(&out, "events") { $0.append(Int64(m.events)) }
    field(&out, "steps") { $0.append(Int64(m.steps)) }
    field(&out, "trades") { $0.append(Int64(m.trades)) }
    field(&out, "positions") { out in
      object(&out, instruments.indices.map { instruments[$0].name }) { out, i in
        out.append(ledger.positions[i])
      }
    }
    field(&out, "pnl") { $0.append(m.pnl) }
    field(&out, "fees") { $0.append(m.fees) }
    field(&out, "turnover") { $0.append(m.turnover) }
    field(&out, "sharpe") { $0.append(m.sharpe, decimals: 6) }
    field(&out, "max_drawdown") { $0.append(m.maxDrawdown) }
    appendReturnFields(&out, returnMetrics())
    field(&out, "rejected") { $0.append(Int64(m.rejected)) }
    let codes = RiskDenial.Code.allCases.filter { rejectedCounts[$0] != nil }
    field(&out, "rejected_by_reason") { out in
      object(&out, codes.map(\.rawValue)) { out, k in
        out.append(Int64(rejectedCounts[codes[k]] ?? 0))
      }
    }
    field(&out, "unfilled") { $0.append(Int64(m.unfilled)) }
    field(&out, "cancelled") { $0.append(Int64(cancelled)) }
    field(&out, "fill") { $0.appendJSONString(fill.rawValue) }
    field(&out, "fill_note") { $0.appendJSONString(fill.note) }
    field(&out, "fee_model") { $0.appendJSONString(feeText) }
    if let venue { field(&out, "venue") { $0.appendJSONString(venue.summary) } }
    if let bookSource { field(&out, "book_source") { $0.appendJSONString(bookSource) } }
    field(&out, "orders_omitted") { $0.append(Int64(orderLog.omitted)) }
    if let recipe { field(&out, "recipe") { recipe.appendJSON(to: &$0) } }
    if let timing { field(&out, "timing") { Self.appendTiming(timing, to: &$0) } }
    field(&out, "first_time") { Self.appendTime(m.firstTime, to: &$0) }
    field(&out, "last_time") { Self.appendTime(m.lastTime, to: &$0) }
    field(&out, "params") { out in
      object(&out, params.map(\.name)) { out, k in Self.appendParam(params[k], to: &out) }
    }
    field(&out, "instruments", last: true) { out in
      object(&out, instruments.map(\.name)) { out, k in out.appendJSONString(instruments[k].symbol)
      }
    }
    out.append("}\n")
    return out.bytes
  }

  // MARK: - JSON pieces

  /// Appends `  "key": value,` on its own line.
  func field(
    _ out: inout TextBuffer,
    _ key: String,
    last: Bool = false,
    _ value: (inout TextBuffer) -> Void
  ) {
    out.append("  ")
    out.appendJSONString(key)
    out.append(": ")
    value(&out)
    out.append(last ? "\n" : ",\n")
  }

  /// Appends a one-line object `{"k": v, …}` with the given keys in order.
  private func object(
    _ out: inout TextBuffer,
    _ keys: [String],
    _ value: (inout TextBuffer, Int) -> Void
  ) {
    out.append("{")
    for (k, key) in keys.enumerated() {
      if k > 0 { out.append(", ") }
      out.appendJSONString(key)
      out.append(": ")
      value(&out, k)
    }
    out.append("}")
  }

  /// Appends `{"load_s": …, "compile_s": …, "loop_s": …, "write_s": …}`, seconds with six
  /// decimals.
  private static func appendTiming(_ timing: RunTiming, to out: inout TextBuffer) {
    let parts = [timing.loadSeconds, timing.compileSeconds, timing.loopSeconds, timing.writeSeconds]
    out.append("{")
    for (k, key) in ["load_s", "compile_s", "loop_s", "write_s"].enumerated() {
      if k > 0 { out.append(", ") }
      out.appendJSONString(key)
      out.append(": ")
      out.append(max(0, parts[k]), decimals: 6)
    }
    out.append("}")
  }

  /// Appends a time as a JSON string, or `null`.
  private static func appendTime(_ time: Int64?, to out: inout TextBuffer) {
    guard let time else { return out.append("null") }
    out.append(byte: 0x22)
    out.append(time: time)
    out.append(byte: 0x22)
  }

  /// Appends a parameter value as JSON: integers and booleans exactly, floats as Swift's
  /// shortest round-trip text, non-finite values as `null`.
  private static func appendParam(_ param: ParameterInfo, to out: inout TextBuffer) {
    let value = param.value
    guard value.isFinite else { return out.append("null") }
    switch param.kind {
    case .bool: out.append(value != 0 ? "true" : "false")
    case .int where abs(value) < 9e18: out.append(Int64(value))
    default: out.append("\(value)")
    }
  }

  /// Writes bytes to a file, replacing it or appending to it (plain POSIX calls: no
  /// intermediate copy).
  private static func write(_ bytes: [UInt8], to path: String, appending: Bool = false) throws(BacktestError) {
    let fd = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC), 0o644)
    guard fd >= 0 else { throw ioError(path) }
    defer { close(fd) }
    let complete = bytes.withUnsafeBytes { raw -> Bool in
      var done = 0
      while done < raw.count {
        let wrote = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if wrote < 0 && errno == EINTR { continue }
        if wrote <= 0 { return false }
        done += wrote
      }
      return true
    }
    if !complete { throw ioError(path) }
  }

  /// The error for a file that cannot be written, with the system's reason.
  private static func ioError(_ path: String) -> BacktestError {
    BacktestError(
      id: "backtest.io",
      message: "cannot write `\(path)`: \(String(cString: strerror(errno)))"
    )
  }
}
