import StratABI
import StratMarket
@testable import StratRuntime

/// A strategy for OMS tests: emits scripted decisions at given steps (0-based) on one instrument.
final class ScriptedStrategy: StrategyExecutor {
  let interface = StrategyInterface(
    name: "scripted", instruments: [InstrumentBinding(name: "s", symbol: "S")], params: [], stateBytes: 0,
    risk: RiskLimits())
  let script: [Int: [Decision]]
  private let storage = UnsafeMutableBufferPointer<Decision>.allocate(capacity: 16)
  private var count = 0
  private(set) var steps = 0

  init(_ script: [Int: [Decision]]) { self.script = script }
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
    let now = script[steps] ?? []
    steps += 1
    count = now.count
    for (k, d) in now.enumerated() { storage[k] = d }
    return count
  }
}

/// A small hand-made day (BookBacktesterTests' book) and the session to run it in.
enum SmallDay {
  static func px(_ cents: Int64) -> Int64 { cents * 1_000_000 }

  /// bid 10.00 ×100, ask 10.10 ×100, bid 10.00 ×50 behind, both bids trade, ask 10.05 ×10, bid 9.90 ×10.
  static let events: [OrderEvent] = [
    OrderEvent(timeNanos: 1_000, kind: .add, side: .buy, orderID: 1, price: px(1000), quantity: 100),
    OrderEvent(timeNanos: 2_000, kind: .add, side: .sell, orderID: 2, price: px(1010), quantity: 100),
    OrderEvent(timeNanos: 3_000, kind: .add, side: .buy, orderID: 3, price: px(1000), quantity: 50),
    OrderEvent(timeNanos: 4_000, kind: .execute, side: .buy, orderID: 1, price: px(1000), quantity: 100),
    OrderEvent(timeNanos: 5_000, kind: .execute, side: .buy, orderID: 3, price: px(1000), quantity: 50),
    OrderEvent(timeNanos: 6_000, kind: .add, side: .sell, orderID: 4, price: px(1005), quantity: 10),
    OrderEvent(timeNanos: 7_000, kind: .add, side: .buy, orderID: 5, price: px(990), quantity: 10),
  ]

  /// A rest that fills as a maker, a market taker, a sell that is cancelled, a buy that takes
  /// the 10.05 ask, and a bid left resting at the end of the data.
  static let script: [Int: [Decision]] = [
    0: [Decision(kind: .limit, instrument: 0, quantity: 20, price: 10.00)],
    1: [Decision(kind: .market, instrument: 0, quantity: 10)],
    2: [Decision(kind: .limit, instrument: 0, quantity: -5, price: 10.20)],
    3: [Decision(kind: .cancel, instrument: 0, quantity: -1)],
    5: [Decision(kind: .limit, instrument: 0, quantity: 5, price: 10.05)],
    6: [Decision(kind: .limit, instrument: 0, quantity: 7, price: 9.80)],
  ]

  static func session() throws -> BookSession {
    let config = BookBacktestConfig(
      venue: VenueConfig(), feedInstrumentForInstrument: [0], symbols: ["S"], backend: "test")
    return try BookSession(interface: ScriptedStrategy([:]).interface, config: config, snapshots: nil)
  }
}
