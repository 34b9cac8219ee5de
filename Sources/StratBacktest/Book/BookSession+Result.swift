import StratRuntime
import StratABI
import StratMarket

extension BookSession {
  /// Assembles the result after the last event: the ledger, the equity per step, the orders
  /// still open, rejections and metrics, in the same form as a bar backtest.
  func result(events: Int) -> BacktestResult {
    var counts: [RiskDenial.Code: Int] = [:]
    for code in RiskDenial.Code.allCases where router.rejectedCounts[code.index] > 0 {
      counts[code] = router.rejectedCounts[code.index]
    }
    let stillOpen = router.open.map { order in
      OrderRecord(
        time: stepTimes.last ?? 0, instrument: order.instrument, kind: order.price == nil ? .market : .limit,
        quantity: order.side == .buy ? order.remaining : -order.remaining,
        limit: order.price.map(Price.init(raw:)))
    }
    // Events come microseconds apart: the Sharpe ratio is taken on the equity at the end of each
    // minute instead, so that it compares with bar backtests (and not also on every step: the
    // median spacing of every step was 2 % of the LOBSTER-day loop).
    let (minuteTimes, minuteEquity) = BacktestMetrics.lastPerMinute(stepTimes, equity)
    let metrics = BacktestMetrics.compute(
      stepTimes: stepTimes, equity: equity, ledger: ledger, events: events,
      rejected: router.rejectedCounts.reduce(0, +), unfilled: stillOpen.count,
      sharpe: BacktestMetrics.sharpe(stepTimes: minuteTimes, equity: minuteEquity))
    let bindings = interface.instruments.enumerated().map { i, instrument in
      InstrumentBinding(name: instrument.name, symbol: config.symbols[i])
    }
    return BacktestResult(
      strategy: interface.name, backend: config.backend, fill: .venue, fees: .none,
      instruments: bindings, params: config.params ?? interface.params, ledger: ledger,
      stepTimes: stepTimes, equity: equity,
      lastClose: (0..<instrumentCount).map { mark($0) > 0 ? Price(raw: mark($0)) : nil },
      unfilledOrders: stillOpen, rejections: router.rejections, rejectedCounts: counts,
      cancelled: router.cancelledCount, events: events, metrics: metrics, venue: config.venue,
      warnings: warnings, bookSource: config.bookSource, fillTraces: audit.traces, orderLog: router.audit.log,
      cash: cash, grossExposure: grossExposure)
  }
}
