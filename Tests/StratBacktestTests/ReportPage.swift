import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratMarket

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A report page read back with a strict XML parser: if it parses, every tag is closed and
/// nested properly and every entity is valid. Collects the ids and the element names.
final class ReportPage: NSObject, XMLParserDelegate {
  private(set) var ids: [String] = []
  private(set) var elements: [String: Int] = [:]
  private(set) var attributeValues: [String] = []
  private(set) var parseError: String?
  let html: String

  init(_ html: String) {
    self.html = html
    super.init()
    // The parser does not know HTML's doctype line without a DTD; the rest must be strict XML.
    let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
    let parser = XMLParser(data: Data(body.utf8))
    parser.delegate = self
    if !parser.parse() {
      parseError = parser.parserError.map { "\($0) at line \(parser.lineNumber)" } ?? "unknown"
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements[name, default: 0] += 1
    if let id = attributes["id"] { ids.append(id) }
    attributeValues.append(contentsOf: attributes.values)
  }

  /// True when the page is well-formed and has the given ids.
  func has(ids wanted: [String]) -> Bool {
    parseError == nil && wanted.allSatisfy(ids.contains)
  }
}

/// A small real strategy for report tests: holds +size, then −size, then flat, switching
/// every `period` steps on instrument 0 and the opposite on instrument 1 if there is one.
final class CycleStrategy: StrategyExecutor {
  let interface: StrategyInterface
  private let period: Int
  private let storage = UnsafeMutableBufferPointer<Decision>.allocate(capacity: 2)
  private var count = 0
  private var steps = 0

  init(name: String = "cycle", instruments: [String], period: Int) {
    interface = StrategyInterface(
      name: name, instruments: instruments.map { InstrumentBinding(name: $0, symbol: $0) },
      params: [ParameterInfo(name: "period", kind: .int, value: Double(period))],
      stateBytes: 0, risk: RiskLimits())
    self.period = period
  }

  deinit { storage.deallocate() }

  var decisions: UnsafeBufferPointer<Decision> { UnsafeBufferPointer(rebasing: storage[0..<count]) }

  func reset() { steps = 0 }

  func setBar(instrument: Int, bar: Bar) {}
  func setInput(instrument: Int, field: InputField, value: Double) {}
  func markSeen(instrument: Int) {}

  /// Checked as a real executor checks it, then ignored: the script reads no parameter.
  func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) {
    _ = try ParameterTable(derivedFrom: interface.params).slot(for: value).get()
  }

  func step(timeNanos: Int64) -> Int {
    defer { steps += 1 }
    count = 0
    guard steps % period == 0 else { return 0 }
    let target = [100.0, -100.0, 0.0][(steps / period) % 3]
    for i in 0..<interface.instruments.count {
      storage[i] = Decision(kind: .target, instrument: Int32(i), quantity: i == 0 ? target : -target)
      count += 1
    }
    return count
  }

  /// Minute bars from 2021-01-04 on, a deterministic random walk around 100.
  static func bars(_ symbol: String, count: Int, seed: UInt64) -> BarSeries {
    var times = [Int64](), prices = [Price]()
    times.reserveCapacity(count)
    prices.reserveCapacity(count)
    var state = seed
    var cents: Int64 = 10_000
    let start = Timestamp.nanos(year: 2021, month: 1, day: 4)
    for k in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      cents = max(100, cents + Int64(state >> 61) - 3)
      times.append(start + Int64(k) * 60 * Timestamp.nanosPerSecond)
      prices.append(Price(raw: cents * 1_000_000))
    }
    return BarSeries(
      symbol: symbol, times: times, open: prices, high: prices, low: prices, close: prices,
      volume: [Double](repeating: 1, count: count))
  }

  /// Runs the strategy over `series` (instrument i on series i).
  static func run(_ strategy: CycleStrategy, _ series: [BarSeries], fill: FillMode = .nextOpen) throws
    -> BacktestResult
  {
    let config = BacktestConfig(
      seriesForInstrument: Array(series.indices), fill: fill, backend: "test")
    return try Backtester(series: series, config: config).run(strategy)
  }
}
