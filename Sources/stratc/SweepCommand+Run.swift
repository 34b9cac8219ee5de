import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratInterpreter
import StratMarket
import StratSema
import StratSyntax

extension SweepCommand {
  /// Compiles the defaults once (reporting the strategy's own problems), checks the grid against
  /// the declared parameters, loads the data, then runs the grid.
  static func execute(_ plan: Plan, output: Output) throws -> ExitCode {
    let isBook = plan.dataSpecs.count == 1 && BookFeed.format(of: plan.dataSpecs[0]) != nil
    let inputs = RunInputs.files(dataSpecs: plan.dataSpecs, isBook: isBook).map(RunInputs.init)
    let baseline = Compiler.compile(plan.source, params: [:], optimize: true)
    output.report(baseline.diagnostics + baseline.internalErrors)
    if !baseline.internalErrors.isEmpty { return .internalError }
    guard var module = baseline.module, !baseline.hasErrors else { return .userError }
    let models = baseline.modelFiles.map { RunIngredients.Input(name: "model \($0.path)", sha256: $0.sha256) }
    do {
      try SweepParameter.validate(plan.grid, against: declaredParameters(module.parameterTable))
    } catch {
      throw problem(error)
    }
    if let code = BacktestCommand.bind(&module, plan.bindings, output: output) { return code }
    if isBook { return try streamBook(plan, module: module, inputs: inputs, models: models, output: output) }
    let series: [BarSeries]
    let indices: [Int]
    do {
      series = try MarketDataSource.load(specs: plan.dataSpecs)
      indices = try Backtester.seriesIndices(for: try Interpreter(module: module).interface, in: series)
    } catch let error as MarketDataError {
      output.report(error.diagnostics)
      return .userError
    } catch let error as BacktestError {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
    let identity = try runIdentity(
      inputs, models: models, settings: RunIdentity.barSettings(fill: plan.fill, fees: plan.fees, capital: plan.capital), output: output)
    return try stream(plan, work: makeWork(plan, identity: identity, series: series, indices: indices), output: output)
  }

  /// The ingredients the runs share, once the inputs are hashed; a failure is reported.
  static func runIdentity(
    _ inputs: RunInputs?, models: [RunIngredients.Input], settings: [String], output: Output
  ) throws -> RunIdentity {
    do throws(BacktestError) {
      return RunIdentity(inputs: try RunInputs.digests(of: inputs) + models, settings: settings)
    } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      throw ExitCode.userError
    }
  }

  /// Loads the order-book data once and runs the grid through the simulated venue.
  static func streamBook(_ plan: Plan, module: IRModule, inputs: RunInputs?, models: [RunIngredients.Input], output: Output) throws -> ExitCode {
    let interface = try Interpreter(module: module).interface
    let feed: BookFeed
    do {
      feed = try BookFeed.load(
        path: plan.dataSpecs[0], date: plan.date, wanted: Set(interface.instruments.map(\.symbol)),
        policy: plan.policy)
    } catch {
      output.report(error.diagnostics)
      return .userError
    }
    guard let numbers = BookBacktestCommand.feedNumbers(interface, feed, path: plan.dataSpecs[0], output: output)
    else { return .userError }
    let config = BookBacktestConfig(
      venue: plan.venue, feedInstrumentForInstrument: numbers,
      symbols: interface.instruments.map(\.symbol), backend: plan.backend,
      locatesUnknownOrders: feed.locatesUnknownOrders)
    let settings = RunIdentity.bookSettings(venue: plan.venue, policy: plan.policy, date: plan.date, capital: plan.capital)
    let identity = try runIdentity(inputs, models: models, settings: settings, output: output)
    return try stream(plan, work: makeWork(plan, identity: identity) { executor throws(BacktestError) in
      try BookBacktester(events: feed.events, snapshots: feed.snapshots, config: config).run(executor)
    }, output: output)
  }

  /// Runs every grid point and writes the CSV in grid order; 1 when any run failed.
  static func stream(
    _ plan: Plan, work: @escaping @Sendable (Int) -> SweepOutcome, output: Output
  ) throws -> ExitCode {
    let sink = try CSVSink(path: plan.outPath)
    sink.write(SweepCSV.header(parameters: plan.grid.names))
    let bar = ProgressBar(label: "sweep", quiet: plan.quiet)
    var best: (index: Int, outcome: SweepOutcome)?
    var failed = 0
    var runIDs: [String] = []
    SweepRunner.run(count: plan.grid.count, jobs: plan.jobs, work: work) { k, outcome in
      sink.write(SweepCSV.row(index: k, values: plan.grid.point(at: k), outcome: outcome))
      runIDs.append(outcome.runID ?? "")
      if outcome.error != nil { failed += 1 }
      if plan.metric.isBetter(outcome, than: best?.outcome) { best = (k, outcome) }
      bar?.update(Double(k + 1) / Double(plan.grid.count), detail: "\(k + 1)/\(plan.grid.count) runs")
    }
    bar?.finish()
    try sink.close()
    if let csv = plan.outPath {
      let sidecar = SweepSidecar(grid: plan.grid, metric: plan.metric, best: best, failed: failed, runIDs: runIDs)
      try writeSidecar(sidecar.json(), to: SweepSidecar.path(forCSV: csv))
    }
    summarise(plan, best: best, failed: failed)
    return failed > 0 ? .userError : .success
  }

  /// Writes the JSON sidecar beside the CSV, replacing it.
  static func writeSidecar(_ bytes: [UInt8], to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      Output.standardError("stratc sweep: cannot write `\(path)`\n")
      throw ExitCode.userError
    }
  }

  /// The job for grid point k: compile with its parameters, bind, run; never throws.
  static func makeWork(
    _ plan: Plan, identity: RunIdentity, series: [BarSeries], indices: [Int]
  ) -> @Sendable (Int) -> SweepOutcome {
    let config = BacktestConfig(seriesForInstrument: indices, fill: plan.fill, fees: plan.fees, backend: plan.backend)
    return makeWork(plan, identity: identity) { executor throws(BacktestError) in try Backtester(series: series, config: config).run(executor) }
  }

  /// The job for grid point k with `backtest` running one compiled point; never throws.
  static func makeWork(
    _ plan: Plan, identity: RunIdentity, backtest: @escaping @Sendable (any StrategyExecutor) throws(BacktestError) -> BacktestResult
  ) -> @Sendable (Int) -> SweepOutcome {
    let (source, grid, bindings) = (plan.source, plan.grid, plan.bindings.map { [$0.0, $0.1] })
    let (codes, capital) = (plan.codes, plan.capital)
    return { k in
      var params: [String: String] = [:]
      for (axis, value) in zip(grid.axes, grid.point(at: k)) { params[axis.name] = value.description }
      let compiled = Compiler.compile(source, params: params, optimize: true)
      guard var module = compiled.module, !compiled.hasErrors, compiled.internalErrors.isEmpty else {
        let first = (compiled.internalErrors + compiled.diagnostics).first { $0.severity == .error }
        return SweepOutcome(error: first.map { "\($0.id): \($0.message)" } ?? "compile failed")
      }
      for pair in bindings {
        if let i = module.instruments.firstIndex(where: { $0.name == pair[0] }) { module.instruments[i].symbol = pair[1] }
      }
      var outcome: SweepOutcome
      do {
        var result = try backtest(try codes.executor(for: module))
        result.capital = capital
        outcome = SweepOutcome(result)
      } catch let error as BacktestError {
        outcome = SweepOutcome(error: "\(error.id): \(error.message)")
      } catch {
        outcome = SweepOutcome(error: "internal.backend: \(error)")
      }
      outcome.runID = identity.ingredients(for: module).id
      return outcome
    }
  }

  /// Prints the number of trials and the best run on stderr.
  static func summarise(_ plan: Plan, best: (index: Int, outcome: SweepOutcome)?, failed: Int) {
    var text = "sweep: \(plan.grid.count) trials"
    if plan.backend != "interpreter" { text += " (\(plan.backend): \(plan.codes.compiled) compiled code\(plan.codes.compiled == 1 ? "" : "s"))" }
    if failed > 0 { text += ", \(failed) failed (see the error column)" }
    if let best, let m = best.outcome.metrics {
      let params = zip(plan.grid.names, plan.grid.point(at: best.index)).map { "\($0)=\($1)" }
      text += "\nbest by \(plan.metric.rawValue): run \(best.index) (\(params.joined(separator: " "))): "
        + "pnl \(m.pnl), sharpe \(sixDecimals(m.sharpe)), "
        + "sortino \(sixDecimals(best.outcome.sortino)), max drawdown \(m.maxDrawdown), "
        + "trades \(m.trades), fees \(m.fees)"
      text += "\nnote: the best of \(plan.grid.count) trials overstates what to expect out of sample"
    }
    Output.standardError(text + "\n")
  }

  /// A ratio with six decimals, as in the CSV.
  static func sixDecimals(_ value: Double) -> String {
    var buffer = TextBuffer(capacity: 24)
    buffer.append(value, decimals: 6)
    return buffer.text
  }
}
