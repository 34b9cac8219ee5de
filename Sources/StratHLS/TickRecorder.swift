import StratABI

/// Wraps an executor and writes down what it is fed, as ticks: the backtest's data, or any
/// event source of the tests, becomes a tick file that drives a testbench.
public final class TickRecorder: StrategyExecutor {
  let inner: any StrategyExecutor
  let plan: KernelPlan
  public private(set) var ticks: [Tick] = []
  /// Field values that were not whole ticks (rounded to the nearest).
  public private(set) var inexact = 0
  private var updates: [Bool]
  private var values: [Int64]

  public init(_ inner: any StrategyExecutor, _ plan: KernelPlan) {
    self.inner = inner
    self.plan = plan
    updates = Array(repeating: false, count: plan.module.instruments.count)
    values = Array(repeating: 0, count: plan.inputs.count)
  }

  public var interface: StrategyInterface { inner.interface }
  public var decisions: UnsafeBufferPointer<Decision> { inner.decisions }
  public func reset() { inner.reset() }
  public func setInput(instrument: Int, field: InputField, value: Double) { inner.setInput(instrument: instrument, field: field, value: value) }
  public func markSeen(instrument: Int) { inner.markSeen(instrument: instrument) }
  public func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) { try inner.setParameter(value) }

  public func setBar(instrument: Int, bar: Bar) {
    inner.setBar(instrument: instrument, bar: bar)
    updates[instrument] = true
    let fields = [bar.open, bar.high, bar.low, bar.close, bar.volume]
    for (c, input) in plan.inputs.enumerated() where input.instrument == instrument {
      let scaled = fields[input.field.rawValue] * Double(input.scale)
      let rounded = scaled.isFinite ? scaled.rounded() : 0
      if rounded != scaled { inexact += 1 }
      values[c] = abs(rounded) < 9e18 ? Int64(rounded) : 0
    }
  }

  public func step(timeNanos: Int64) -> Int {
    ticks.append(Tick(time: timeNanos, updates: updates, values: values))
    for i in updates.indices { updates[i] = false }
    return inner.step(timeNanos: timeNanos)
  }
}
