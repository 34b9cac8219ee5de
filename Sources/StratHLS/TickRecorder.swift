import StratABI

/// Wraps an executor and writes down what it is fed, as ticks: the backtest's data (bars, or the
/// top of book after each book event), or any event source of the tests, becomes a tick file
/// that drives a testbench.
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
  /// A book field the kernel reads is recorded (−1 while its side is empty, NaN here).
  public func setInput(instrument: Int, field: InputField, value: Double) {
    inner.setInput(instrument: instrument, field: field, value: value)
    guard let c = plan.inputs.firstIndex(where: { $0.instrument == instrument && $0.field == field }) else { return }
    guard !value.isNaN else { return values[c] = -1 }
    let (ticks, exact) = Self.ticks(value, scale: plan.inputs[c].scale)
    if !exact { inexact += 1 }
    values[c] = ticks
  }

  /// A book event of the instrument: it steps next.
  public func markSeen(instrument: Int) {
    inner.markSeen(instrument: instrument)
    updates[instrument] = true
  }
  public func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) { try inner.setParameter(value) }

  public func setBar(instrument: Int, bar: Bar) {
    inner.setBar(instrument: instrument, bar: bar)
    updates[instrument] = true
    let fields = [bar.open, bar.high, bar.low, bar.close, bar.volume]
    for (c, input) in plan.inputs.enumerated() where input.instrument == instrument && !input.mayBeUndefined {
      let (value, exact) = Self.ticks(fields[input.field.rawValue], scale: input.scale)
      if !exact { inexact += 1 }
      values[c] = value
    }
  }

  /// A field in tick units (1 ÷ scale), rounded to the nearest, and whether it was whole.
  /// A price reaches the executor as raw 1e-8 ÷ 1e8 (Price.doubleValue), so its 1e-8 raw is
  /// recovered exactly and divided as an integer: 28.39 is whole, though 28.39 × 1e4 is not.
  public static func ticks(_ v: Double, scale: Int64) -> (Int64, Bool) {
    guard v.isFinite else { return (0, false) }
    let raw = (v * 1e8).rounded()
    if scale > 0, 100_000_000 % scale == 0, abs(raw) < 9e15 {
      let unit = 100_000_000 / scale, r = Int64(raw)
      let q = (r + (r >= 0 ? unit / 2 : -unit / 2)) / unit
      return (q, r % unit == 0 && Double(r) / 1e8 == v)
    }
    let scaled = (v * Double(scale)).rounded()
    return (abs(scaled) < 9e18 ? Int64(scaled) : 0, scaled == v * Double(scale))
  }

  public func step(timeNanos: Int64) -> Int {
    ticks.append(Tick(time: timeNanos, updates: updates, values: values))
    for i in updates.indices { updates[i] = false }
    return inner.step(timeNanos: timeNanos)
  }
}
