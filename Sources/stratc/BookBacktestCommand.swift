import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratMarket

/// `stratc backtest` on order-book data (a LOBSTER message file; ITCH and tick-store files as
/// their readers allow): the events go through the simulated venue (`VenueOptions`).
enum BookBacktestCommand {
  static func run(
    _ args: Arguments, dataPath: String, executor: any StrategyExecutor, backend: String,
    output: Output, timing: RunTiming,
    identify: (_ settings: [String]) throws(BacktestError) -> RunIngredients
  ) throws -> ExitCode {
    var timing = timing
    let venue = try VenueOptions.config(args)
    let policy = try BacktestCommand.policy(args)
    let capital = try BacktestCommand.capital(args)
    let feed: BookFeed
    do {
      (feed, timing.loadSeconds) = try RunTiming.measure { () throws(MarketDataError) in
        try BookFeed.load(
          path: dataPath, date: args.value("date"),
          wanted: Set(executor.interface.instruments.map(\.symbol)), policy: policy)
      }
    } catch {
      output.report(error.diagnostics)
      return .userError
    }
    let interface = executor.interface
    guard let feedNumbers = feedNumbers(interface, feed, path: dataPath, output: output) else {
      return .userError
    }
    let config = BookBacktestConfig(
      venue: venue, feedInstrumentForInstrument: feedNumbers,
      symbols: interface.instruments.map(\.symbol), backend: backend, bookSource: feed.bookSource,
      locatesUnknownOrders: feed.locatesUnknownOrders)
    reportSkipped(feed, path: dataPath, output: output)
    do throws(BacktestError) {
      let bar = ProgressBar(label: "backtest", quiet: args.has("quiet"))
      var (result, loop) = try RunTiming.measure { () throws(BacktestError) in
        try BookBacktester(events: feed.events, snapshots: feed.snapshots, config: config)
          .run(executor, progress: bar.map { bar in { bar.update($0.fraction) } })
      }
      result.capital = capital
      result.referencePrices = tradePrices(feed, bound: feedNumbers)
      bar?.finish()
      timing.loopSeconds = loop
      if args.has("timing") { result.timing = timing }
      result.ingredients = try identify(
        RunIdentity.bookSettings(
          venue: venue, policy: policy, date: args.value("date"), capital: capital))
      output.report(result.warnings)
      let code = try BacktestCommand.finish(result, args: args, warmup: nil, output: output)
      if let report = args.value("report") {
        let options = HTMLReportOptions(
          dataSources: [feed.description], prices: result.referencePrices,
          fillNote: result.fill.note)
        try HTMLReport.write(HTMLReport.render(result, options: options), to: report)
      }
      return code
    } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
  }

  /// Malformed lines skipped under `--on-error skip`, as located warnings and a count.
  static func reportSkipped(_ feed: BookFeed, path: String, output: Output) {
    guard feed.skipped > 0 else { return }
    output.report(feed.skippedDiagnostics.map {
      Diagnostic(id: $0.id, severity: .warning, message: $0.message, at: $0.location ?? DataLocation(path: path), notes: $0.notes)
    })
    Output.standardError("stratc backtest: skipped \(feed.skipped) malformed line(s) of the data\n")
  }

  /// The feed instrument number of each strategy instrument, matched by symbol; nil (with the
  /// problem reported) when the data lacks one.
  static func feedNumbers(
    _ interface: StrategyInterface, _ feed: BookFeed, path: String, output: Output
  ) -> [UInt32]? {
    switch FeedBinding.numbers(interface, symbols: feed.symbols) {
    case .success(let numbers): return numbers
    case .failure(let unbound):
      output.report([Diagnostic(
        id: "backtest.unknown-symbol", message: unbound.message(feed: path), notes: unbound.notes)])
      return nil
    }
  }


  /// Each bound instrument's trade prints (executions, hidden and cross trades with a price),
  /// the reference price its trades are drawn on in the report.
  static func tradePrices(_ feed: BookFeed, bound: [UInt32]) -> [ReportPriceSeries] {
    bound.enumerated().map { instrument, number in
      var times: [Int64] = []
      var prices: [Price] = []
      for event in feed.events where event.instrument == number && event.price > 0 {
        guard event.kind == .execute || event.kind == .hiddenTrade || event.kind == .crossTrade else { continue }
        times.append(event.timeNanos)
        prices.append(Price(raw: event.price))
      }
      return ReportPriceSeries(instrument: instrument, label: "trade prints", times: times, prices: prices)
    }
  }
}
