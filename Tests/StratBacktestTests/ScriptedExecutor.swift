import StratABI
import StratRuntime
import StratBacktest
import StratMarket

/// A test double for the backtester: a strategy that emits scripted decisions at given step
/// numbers and records every bar and step it is fed.
final class ScriptedExecutor: StrategyExecutor {
  let interface: StrategyInterface
  /// Decisions to emit, by step number (0-based).
  var script: [Int: [Decision]]
  /// Every `setBar` call: (step number, instrument, bar).
  private(set) var fed: [(step: Int, instrument: Int, bar: Bar)] = []
  /// The time of every step.
  private(set) var times: [Int64] = []
  private(set) var resets = 0
  private let storage: UnsafeMutableBufferPointer<Decision>
  private var count = 0

  init(interface: StrategyInterface, script: [Int: [Decision]] = [:]) {
    self.interface = interface
    self.script = script
    storage = .allocate(capacity: 64)
  }

  deinit { storage.deallocate() }

  var decisions: UnsafeBufferPointer<Decision> {
    UnsafeBufferPointer(rebasing: storage[0..<count])
  }

  func reset() {
    resets += 1
    fed = []
    times = []
  }

  func setBar(instrument: Int, bar: Bar) {
    fed.append((times.count, instrument, bar))
  }

  /// Inputs written besides bars (order state), keyed by step index, instrument and field.
  var inputs: [Int: [Int: [InputField: Double]]] = [:]

  func setInput(instrument: Int, field: InputField, value: Double) {
    inputs[times.count, default: [:]][instrument, default: [:]][field] = value
  }

  func markSeen(instrument: Int) {}

  /// Checked as a real executor checks it, then ignored: the script reads no parameter.
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) {
    _ = try ParameterTable(derivedFrom: interface.params).slot(for: value).get()
  }

  func step(timeNanos: Int64) -> Int {
    let decisions = script[times.count] ?? []
    times.append(timeNanos)
    count = decisions.count
    for (k, decision) in decisions.enumerated() { storage[k] = decision }
    return count
  }
}

/// Shorthands for building test inputs.
enum Fixture {
  /// A strategy interface with the given instrument names (symbol = name) and limits.
  static func interface(_ names: [String], risk: RiskLimits = RiskLimits()) -> StrategyInterface {
    StrategyInterface(
      name: "test",
      instruments: names.map { InstrumentBinding(name: $0, symbol: $0) },
      params: [ParameterInfo(name: "size", kind: .int, value: 100)],
      stateBytes: 0,
      risk: risk
    )
  }

  /// A series of daily bars in July 2020: (day, open, high, low, close) as decimal text.
  static func series(_ symbol: String, _ rows: [(Int, String, String, String, String)]) -> BarSeries
  {
    let lines = rows.map { r in
      "2020-07-\(r.0 < 10 ? "0" : "")\(r.0),\(r.1),\(r.2),\(r.3),\(r.4),1000"
    }
    let text = "Date,Open,High,Low,Close,Volume\n" + lines.joined(separator: "\n") + "\n"
    return try! BarCSVReader.parse(Array(text.utf8), path: "\(symbol).csv", symbol: symbol)
  }

  /// Flat bars (open = high = low = close) on the given days.
  static func flat(_ symbol: String, _ days: [Int], _ prices: [String]) -> BarSeries {
    series(symbol, zip(days, prices).map { ($0, $1, $1, $1, $1) })
  }

  /// The time of a July 2020 day at midnight UTC.
  static func day(_ d: Int) -> Int64 { Timestamp.nanos(year: 2020, month: 7, day: d) }

  /// Runs `script` over `series` and returns the result.
  static func run(
    _ series: [BarSeries],
    names: [String]? = nil,
    script: [Int: [Decision]],
    fill: FillMode = .nextOpen,
    fees: FeeModel = .none,
    risk: RiskLimits = RiskLimits()
  ) throws -> BacktestResult {
    let names = names ?? series.map(\.symbol)
    let executor = ScriptedExecutor(interface: interface(names, risk: risk), script: script)
    let config = BacktestConfig(
      seriesForInstrument: Array(0..<names.count),
      fill: fill,
      fees: fees,
      backend: "scripted"
    )
    return try Backtester(series: series, config: config).run(executor)
  }

  /// A target decision.
  static func target(_ instrument: Int32, _ quantity: Double) -> Decision {
    Decision(kind: .target, instrument: instrument, quantity: quantity)
  }

  /// A market order decision.
  static func market(_ instrument: Int32, _ quantity: Double) -> Decision {
    Decision(kind: .market, instrument: instrument, quantity: quantity)
  }

  /// A limit order decision.
  static func limit(_ instrument: Int32, _ quantity: Double, at price: Double) -> Decision {
    Decision(kind: .limit, instrument: instrument, quantity: quantity, price: price)
  }
}

/// Parses money text in tests.
func money(_ text: String) -> Money { try! Money(text) }

/// Parses price text in tests.
func price(_ text: String) -> Price { try! Price(text) }
