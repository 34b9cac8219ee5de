import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratInterpreter
import StratMarket

/// `stratc backtest`: compile, bind instruments to loaded bars, run, write the result files.
enum BacktestCommand {
  /// Runs a backtest; `probe`, when given, wraps the executor (`stratc explain` reads the
  /// interpreter's values through it).
  static func run(
    _ args: Arguments, output: Output,
    probe: ((IRModule, any StrategyExecutor) -> any StrategyExecutor)? = nil
  ) throws -> ExitCode {
    try Backends.validate(args)
    guard args.positional.count == 1 else {
      throw Arguments.Problem.usage("name exactly one .strat file")
    }
    let dataSpecs = args.values("data")
    guard !dataSpecs.isEmpty else { throw Arguments.Problem.usage("give at least one --data SYMBOL=PATH") }
    guard let out = args.value("out") else { throw Arguments.Problem.usage("give --out DIR") }
    try OutputPaths.checkBacktest(
      out: out, report: args.value("report"),
      inputs: args.positional + OutputPaths.dataPaths(dataSpecs) + [args.value("object")].compactMap { $0 })
    guard let fill = FillMode(rawValue: args.value("fill") ?? "next-open") else {
      throw Arguments.Problem.usage("--fill must be next-open or close")
    }
    let fees = try feeModel(args.value("fee"))
    let capital = try capital(args)
    let params = Dictionary(try args.pairs("param"), uniquingKeysWith: { $1 })
    let bindings = try args.pairs("instrument")

    let isBook = dataSpecs.count == 1 && isBookData(dataSpecs[0])
    // Hashing starts now, so that it overlaps compiling, loading and the run.
    let inputs = RunInputs.files(dataSpecs: dataSpecs, isBook: isBook).map(RunInputs.init)

    var timing = RunTiming()
    let compileStart = RunTiming.now()
    var compiled: CompileCommands.Compiled
    switch CompileCommands.compile(args.positional[0], params: params, optimize: true, output: output) {
    case .success(let c): compiled = c
    case .failure(let code): return code
    }
    if let code = bind(&compiled.module, bindings, output: output) { return code }
    let module = compiled.module

    var executor: any StrategyExecutor
    let backend: String
    switch Backends.make(compiled, args, output: output) {
    case .success(let made): (executor, backend) = made
    case .failure(let code): return code
    }
    timing.compileSeconds = RunTiming.now() - compileStart
    if let probe { executor = probe(module, executor) }

    if isBook {
      return try BookBacktestCommand.run(
        args, dataPath: dataSpecs[0], executor: executor, backend: backend, output: output,
        timing: timing,
        identify: { settings throws(BacktestError) in
          try identity(module, inputs, settings, models: compiled.models)
        })
    }
    let series: [BarSeries]
    do {
      (series, timing.loadSeconds) = try RunTiming.measure { () throws(MarketDataError) in
        try MarketDataSource.load(specs: dataSpecs)
      }
    } catch {
      output.report(error.diagnostics)
      return .userError
    }

    do {
      let indices = try Backtester.seriesIndices(for: executor.interface, in: series)
      output.report(MissingBars.warnings(series, used: indices))
      let config = BacktestConfig(
        seriesForInstrument: indices, fill: fill, fees: fees, backend: backend, params: nil)
      let bar = ProgressBar(label: "backtest", quiet: args.has("quiet"))
      var (result, loop) = try RunTiming.measure { () throws(BacktestError) in
        try Backtester(series: series, config: config).run(
          executor, progress: bar.map { bar in { bar.update($0.fraction) } })
      }
      result.capital = capital
      bar?.finish()
      timing.loopSeconds = loop
      if args.has("timing") { result.timing = timing }
      result.ingredients = try identity(
        module, inputs, RunIdentity.barSettings(fill: fill, fees: fees, capital: capital), models: compiled.models)
      if let report = args.value("report") {
        try HTMLReport.writeBarReport(
          result, bars: series, seriesForInstrument: indices, dataSources: dataSpecs, to: report)
      }
      return try finish(result, args: args, warmup: module.warmupSteps, output: output)
    } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
  }

  /// Writes the result files, warns when no rule could fire (`warmup`: the strategy's static
  /// warm-up in steps), and prints the summary unless `--quiet`.
  static func finish(
    _ result: BacktestResult, args: Arguments, warmup: Int?, output: Output
  ) throws(BacktestError) -> ExitCode {
    var result = result
    result.recipe = recipe(args)
    let writeSeconds = try result.write(to: args.value("out") ?? "out")
    if var timing = result.timing {
      timing.writeSeconds = writeSeconds
      Output.standardError(timing.text)
    }
    if let warmup, result.metrics.steps <= warmup {
      output.report([Diagnostic(
        id: "backtest.no-warmup", severity: .warning,
        message: "no rule could fire: the data has \(result.metrics.steps) steps, and the strategy needs \(warmup + 1) after every instrument has a bar",
        notes: ["load more history, or shorten the windows (see `stratc report`)"])])
    }
    if !args.has("quiet") { Output.standardOutput(result.summaryText()) }
    return .success
  }

  /// How `stratc explain` can run this backtest again: the inputs as given and the options that
  /// change results.
  static func recipe(_ args: Arguments) -> BacktestRecipe {
    BacktestRecipe(
      strategy: args.positional.first ?? "", data: args.values("data"),
      options: args.words(excluding: notInRecipe.union(["data"])))
  }

  /// Options that change no result (where files go, how it is printed, which backend): left out
  /// of the recipe, and refused in one, since explain's re-run chooses them itself.
  static let notInRecipe: Set<String> = ["out", "report", "quiet", "backend", "object", "cpu", "diagnostics", "timing"]

  /// True when the one `--data` spec is order-book data (LOBSTER, ITCH, a `.tick` file of
  /// events); `SYMBOL=FILE.tick` and a `.tick` file of bars are bars.
  static func isBookData(_ spec: String) -> Bool {
    guard let format = BookFeed.format(of: spec), !MarketDataSource.isSymbolSpec(spec) else { return false }
    guard format == .tick, let file = try? TickFile(path: spec, verifyChecksums: false) else { return true }
    return file.header.kind != .bars
  }

  /// `--capital AMOUNT`: a positive exact amount, 100,000 when not given.
  static func capital(_ args: Arguments) throws -> Money {
    guard let text = args.value("capital") else { return BacktestResult.defaultCapital }
    guard let amount = try? Money(text), amount.raw > 0 else {
      throw Arguments.Problem.usage("--capital expects a positive amount such as 100000 or 2500.50; found `\(text)`")
    }
    return amount
  }

  /// `--on-error stop|skip`: what readers do with a malformed message or row.
  static func policy(_ args: Arguments) throws -> MalformedInputPolicy {
    guard let text = args.value("on-error") else { return .stop }
    guard let policy = MalformedInputPolicy(rawValue: text) else {
      throw Arguments.Problem.usage("--on-error must be stop or skip; found `\(text)`")
    }
    return policy
  }

  /// Parses `--fee per-share:0.005` or `--fee per-notional:0.0005` (and the venue's fee flags).
  static func feeModel(_ text: String?, flag: String = "fee") throws -> FeeModel {
    guard let text else { return .none }
    do throws(VenueSettings.Problem) {
      switch try VenueSettings.fee(text, name: "--\(flag)") {
      case .none: return .none
      case .perShare(let rate): return .perShare(rate)
      case .perNotional(let rate): return .perNotional(rate)
      }
    } catch {
      throw Arguments.Problem.usage(error.message)
    }
  }


}

extension BacktestCommand {
  /// The run's ingredients, once its inputs are hashed.
  static func identity(
    _ module: IRModule, _ inputs: RunInputs?, _ settings: [String], models: [RunIngredients.Input]
  ) throws(BacktestError) -> RunIngredients {
    RunIdentity(inputs: try RunInputs.digests(of: inputs) + models, settings: settings).ingredients(for: module)
  }

  /// Applies `--instrument NAME=SYMBOL`; an exit status when a name is unknown.
  static func bind(_ module: inout IRModule, _ bindings: [(String, String)], output: Output) -> ExitCode? {
    for (name, symbol) in bindings {
      guard let index = module.instruments.firstIndex(where: { $0.name == name }) else {
        let names = module.instruments.map(\.name)
        let hint = Suggestions.closest(to: name, among: names).first.map { "; did you mean `\($0)`?" } ?? ""
        output.report([Diagnostic(
          id: "cli.unknown-instrument",
          message: "--instrument \(name)=\(symbol): the strategy has no instrument `\(name)`\(hint)",
          notes: ["its instruments: " + names.joined(separator: ", ")])])
        return .userError
      }
      module.instruments[index].symbol = symbol
    }
    return nil
  }
}
