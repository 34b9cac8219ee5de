import StratRuntime
import StratABI
import StratMarket
import StratNative

/// Replays bar series through a strategy executor into a simulated account.
///
/// One step per distinct timestamp of the bound series (a k-way merge), in this order:
/// ```
///   1. next-open mode: fill the pending orders of each instrument with a bar now, at its open
///   2. executor.setBar(i, bar) for each instrument with a bar now (prices as Doubles)
///   3. n = executor.step(timeNanos: t)
///   4. decisions → orders (targets netted against position + pending), risk-checked
///      (see `RiskGate`); close mode fills them at once at the last close
///   5. equity = cash + Σ position × last close, recorded for t
/// ```
/// Orders: a target orders `target − (position + pending)`, and only an instrument's last target
/// in a step counts; quantities are `Decision.wholeUnits` (nil is rejected); zero quantities are
/// not sent. A limit order fills only if the fill price (next open or close) is at or better than
/// its limit, and is otherwise cancelled: bars carry no order book, so nothing rests.
/// Orders still pending when the data ends are reported as unfilled, never filled. The step loop
/// allocates nothing and makes no dynamic calls besides the executor's.
public struct Backtester: Sendable {
  /// The loaded series; `config.seriesForInstrument` indexes into them.
  public let series: [BarSeries]
  /// How to run.
  public let config: BacktestConfig

  /// Creates a backtester over `series`.
  public init(series: [BarSeries], config: BacktestConfig) {
    self.series = series
    self.config = config
  }

  /// Runs `executor` (after `reset()`) over the data; throws only for a configuration that does
  /// not fit the strategy or accounting that would overflow. `progress`, when given, is called
  /// on this thread every `BacktestProgress.stepInterval` steps.
  public func run<E: StrategyExecutor>(
    _ executor: E, progress: ((BacktestProgress) -> Void)? = nil
  ) throws(BacktestError) -> BacktestResult {
    let interface = executor.interface
    try validate(interface)
    executor.reset()
    var replay = Replay(
      series: series, seriesForInstrument: config.seriesForInstrument, fieldsRead: interface.inputFields)
    var sim = Simulation(interface: interface, fill: config.fill, fees: config.fees)
    let capacity = replay.merge.maximumGroupCount
    sim.rows = replay.rows
    sim.audit.reserve(steps: capacity)
    var steps = 0
    var events = 0
    var failure: BacktestError?
    var equity: [Money] = []
    // The step loop writes times and equity straight into the result arrays' storage.
    let stepTimes = [Int64](unsafeUninitializedCapacity: capacity) { times, timesCount in
      equity = [Money](unsafeUninitializedCapacity: capacity) { values, valuesCount in
        // The JIT and AOT executor gets a loop specialised on its type: its inlinable setBar,
        // step and decisions then cost no witness-table call each (issue 10: 0.25× C before).
        if let native = executor as? NativeExecutor {
          (steps, events, failure) = loop(
            native, &replay, &sim, times: times, equity: values, progress: progress)
        } else {
          (steps, events, failure) = loop(
            executor, &replay, &sim, times: times, equity: values, progress: progress)
        }
        valuesCount = steps
      }
      timesCount = steps
    }
    if let failure { throw failure }
    return result(interface, sim: &sim, stepTimes: stepTimes, equity: equity, events: events)
  }

  /// The step loop (see the type's documentation); returns steps, bars fed and any failure.
  @inline(__always)
  func loop<E: StrategyExecutor>(
    _ executor: E,
    _ replay: inout Replay,
    _ sim: inout Simulation,
    times: UnsafeMutableBufferPointer<Int64>,
    equity: UnsafeMutableBufferPointer<Money>,
    progress: ((BacktestProgress) -> Void)?
  ) -> (steps: Int, events: Int, failure: BacktestError?) {
    var steps = 0
    var events = 0
    let totalEvents = config.seriesForInstrument.reduce(0) { $0 + series[$1].times.count }
    while replay.next() {
      if steps & (BacktestProgress.stepInterval - 1) == 0, let progress {
        progress(BacktestProgress(events: events, totalEvents: totalEvents, steps: steps))
      }
      let time = replay.merge.time
      if sim.gate.tracksDailyLoss { sim.gate.roll(to: time, lastEquity: sim.lastEquity) }
      sim.beginStep(eventsBefore: events)
      if !sim.pending.isEmpty { sim.fillPending(time: time, rows: replay.rows, opens: replay.open) }
      events += replay.feed(executor, lastClose: sim.lastClose)
      sim.publishOrderState(to: executor)
      let n = executor.step(timeNanos: time)
      if n > 0 { sim.process(executor.decisions, count: n, time: time) }
      guard sim.failure == nil, let value = sim.equity() else {
        return (steps, events, sim.failure ?? overflow(at: time))
      }
      sim.lastEquity = value
      if sim.gate.tracksDailyLoss { sim.gate.observe(equity: value) }
      times.initializeElement(at: steps, to: time)
      equity.initializeElement(at: steps, to: Money(raw: value))
      steps += 1
      replay.clearRows()
    }
    return (steps, events, nil)
  }

  /// Checks that the configuration binds every instrument to an existing series.
  func validate(_ interface: StrategyInterface) throws(BacktestError) {
    let bookFields = interface.inputFields.filter { $0.isBookField || $0 == .last || $0 == .lastSize || $0 == .traded }
    if let first = bookFields.first {
      throw BacktestError(
        id: "backtest.needs-book",
        message: "the strategy reads order-book or trade fields (\(bookFields.map(\.name).joined(separator: ", "))), "
          + "which bar data does not have; found bars",
        notes: ["run it on order-book data: LOBSTER or ITCH files, or a tick store (`stratc data import`)",
          "`\(first.name)` is the first such field"]
      )
    }
    let names = interface.instruments.map(\.name)
    guard config.seriesForInstrument.count == names.count else {
      throw BacktestError(
        id: "backtest.binding-count",
        message: "expected a series for each of the \(names.count) instruments "
          + "(\(names.joined(separator: ", "))); found \(config.seriesForInstrument.count)"
      )
    }
    for (i, s) in config.seriesForInstrument.enumerated() where s < 0 || s >= series.count {
      throw BacktestError(
        id: "backtest.binding-index",
        message: "expected a series index in 0..<\(series.count) for instrument `\(names[i])`; "
          + "found \(s)"
      )
    }
  }

  /// The error for an equity that does not fit in fixed point.
  func overflow(at time: Int64) -> BacktestError {
    BacktestError(
      id: "backtest.overflow",
      message: "expected equity within ±92233720368.54775807; at \(Timestamp.iso8601(time)) "
        + "cash + positions × last close overflows"
    )
  }

  /// Assembles the result after the last step.
  func result(
    _ interface: StrategyInterface,
    sim: inout Simulation,
    stepTimes: [Int64],
    equity: [Money],
    events: Int
  ) -> BacktestResult {
    var counts: [RiskDenial.Code: Int] = [:]
    for code in RiskDenial.Code.allCases where sim.rejectedCounts[code.index] > 0 {
      counts[code] = sim.rejectedCounts[code.index]
    }
    let rejected = sim.rejectedCounts.reduce(0, +)
    let metrics = BacktestMetrics.compute(
      stepTimes: stepTimes,
      equity: equity,
      ledger: sim.ledger,
      events: events,
      rejected: rejected,
      unfilled: sim.pending.count
    )
    let bindings = interface.instruments.enumerated().map { i, instrument in
      InstrumentBinding(name: instrument.name, symbol: series[config.seriesForInstrument[i]].symbol)
    }
    var result = BacktestResult(
      strategy: interface.name,
      backend: config.backend,
      fill: config.fill,
      fees: config.fees,
      instruments: bindings,
      params: config.params ?? interface.params,
      ledger: sim.ledger,
      stepTimes: stepTimes,
      equity: equity,
      lastClose: sim.lastClose.map { $0 >= 0 ? Price(raw: $0) : nil },
      unfilledOrders: sim.pending,
      rejections: sim.rejections,
      rejectedCounts: counts,
      cancelled: sim.cancelled,
      events: events,
      metrics: metrics,
      fillTraces: sim.audit.traces,
      orderLog: sim.audit.log,
      barMarks: BarMarks(
        times: config.seriesForInstrument.map { series[$0].times },
        closes: config.seriesForInstrument.map { series[$0].close })
    )
    result.referencePrices = config.seriesForInstrument.enumerated().map { i, s in
      ReportPriceSeries(instrument: i, closesOf: series[s])
    }
    return result
  }
}
