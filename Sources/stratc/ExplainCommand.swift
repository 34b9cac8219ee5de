import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratInterpreter

/// `stratc explain DIR --fill N`: says why fill N (the N-th row of `DIR/trades.csv`) happened.
/// It re-runs the backtest that `DIR/summary.json`'s `"recipe"` describes in the interpreter,
/// reads the named values of the step that decided the order, and refuses when the re-run's run
/// id is not the folder's or it does not give the same fills: it never explains a different run.
enum ExplainCommand {
  static let help = """
    usage: stratc explain DIR --fill N

    Says in words why fill N (1-based row of DIR/trades.csv) happened: the decision (its time,
    the `when` rule that fired, the inputs and named values it read), the order (kind,
    quantity, limit), its latency and queue position, and the market event that filled it.
    DIR is a `stratc backtest --out` folder; the backtest is re-run in the interpreter from
    the recipe in DIR/summary.json, whose paths are relative to the folder the backtest ran
    in: run explain from there. Exit 1 when the re-run's run id is not DIR's (an input file,
    the strategy, a setting or stratc changed since the run).

    EXAMPLES
      stratc backtest Strategies/pairs.strat --data Examples/data --out out/pairs
      stratc explain out/pairs --fill 1
    """

  static func run(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one backtest output folder DIR") }
    guard let text = args.value("fill"), let number = Int(text), number >= 1 else {
      throw Arguments.Problem.usage("give --fill N, the 1-based row of DIR/trades.csv")
    }
    let dir = URL(fileURLWithPath: args.positional[0]).standardizedFileURL.path
    let trades: [ExplainRow]
    do throws(ExplainFailure) { trades = try ExplainRow.read(dir + "/trades.csv", header: BacktestResult.tradesHeader) } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
    guard number <= trades.count else {
      throw Arguments.Problem.usage("--fill \(number): \(args.positional[0])/trades.csv has \(trades.count) fills")
    }
    let fill = trades[number - 1]
    do throws(ExplainFailure) {
      let record = try Self.record(dir)
      try checkInputs(record.recipe)
      let life = try ExplainRow.read(dir + "/orders.csv", header: BacktestResult.ordersHeader).filter { $0["order_id"] == fill["order_id"] }
      guard let filled = life.first(where: { $0["event"] == "filled" && $0["time"] == fill["time"] }),
        let step = Int(filled["step"]), step >= 1
      else {
        throw ExplainFailure(id: "explain.no-order", message: "orders.csv has no fill of order \(fill["order_id"]) at \(fill["time"])")
      }
      let probe = try rerun(record, step: step, dir: dir, output: output)
      Output.standardOutput(
        ExplainText(fill: fill, number: number, life: life, step: step, probe: probe, recipe: record.recipe).text)
      return .success
    } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
  }

  /// The recipe in `dir/summary.json`, with the run id and input digests it was run under.
  static func record(_ dir: String) throws(ExplainFailure) -> ExplainRecord {
    guard let summary = ExplainRecord.summary(dir), let object = summary["recipe"] as? [String: Any],
      let strategy = object["strategy"] as? String,
      let specs = object["data"] as? [String], let options = object["options"] as? [String],
      let identity = ExplainIdentity(summary)
    else {
      throw ExplainFailure(
        id: "explain.no-recipe", message: "\(dir)/summary.json has no \"recipe\" and \"run_id\"; expected the output of `stratc backtest`",
        notes: ["run the backtest again with this stratc"])
    }
    // A recipe is data: an option that writes files or picks the executor was never put in one.
    if let bad = options.first(where: { !$0.hasPrefix("--") || BacktestCommand.notInRecipe.contains(optionName($0)) }) {
      throw ExplainFailure(
        id: "explain.bad-recipe", message: "\(dir)/summary.json's recipe holds `\(bad)`, which no backtest writes there; refusing to run it",
        notes: ["run the backtest again, then explain its fills"])
    }
    return ExplainRecord(recipe: BacktestRecipe(strategy: strategy, data: specs, options: options), identity: identity)
  }

  /// `out` of `--out=DIR` or `--out`.
  static func optionName(_ word: String) -> String {
    String(word.dropFirst(2).prefix { $0 != "=" })
  }

  /// Refuses when the strategy or a data path of the recipe is missing from the working
  /// directory (the recipe's paths are relative to where the backtest ran), or is a pipe or
  /// device, which cannot be read twice.
  static func checkInputs(_ recipe: BacktestRecipe) throws(ExplainFailure) {
    for path in [recipe.strategy] + OutputPaths.dataPaths(recipe.data) {
      guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else {
        let here = FileManager.default.currentDirectoryPath
        throw ExplainFailure(
          id: "explain.missing-input", message: "`\(path)` does not exist" + (path.hasPrefix("/") ? "" : " in \(here)"),
          notes: ["the recipe's paths are relative to the folder the backtest ran in; run `stratc explain` from that folder",
            "or run the backtest again, then explain its fills"])
      }
      if type != .typeRegular && type != .typeDirectory {
        throw ExplainFailure(
          id: "explain.not-rerunnable", message: "`\(path)` is not a regular file; the backtest it fed cannot be re-run",
          notes: ["copy the data into a file, run the backtest on it, then explain its fills"])
      }
    }
  }

  /// Re-runs the recipe in the interpreter into a scratch folder, keeping the values of `step`;
  /// refuses when its run id differs from the folder's, or (a second guard, for an edited
  /// folder) its fills differ from `dir`'s.
  static func rerun(_ record: ExplainRecord, step: Int, dir: String, output: Output) throws(ExplainFailure) -> ExplainProbe {
    let recipe = record.recipe
    // A fresh private folder (mkdtemp), never a predictable name another user could plant.
    var template = Array((FileManager.default.temporaryDirectory.path + "/stratc-explain-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw ExplainFailure(id: "explain.rerun", message: "cannot create a scratch folder: \(String(cString: strerror(errno)))")
    }
    let scratch = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let words = [recipe.strategy] + recipe.data.flatMap { ["--data", $0] } + recipe.options
      + ["--backend", "interp", "--quiet", "--out", scratch]
    var captured: ExplainProbe?
    let code: ExitCode
    do {
      let args = try Arguments(words, valued: Arguments.commandValued, switches: Arguments.commandSwitches)
      code = try BacktestCommand.run(args, output: output) { module, executor in
        guard let interpreter = executor as? Interpreter else { return executor }
        let probe = DecisionProbe(interpreter, step: step)
        captured = ExplainProbe(module: module, probe: probe)
        return probe
      }
    } catch {
      throw ExplainFailure(id: "explain.rerun", message: "the recipe no longer runs: \(error)")
    }
    guard code == .success, let captured, captured.probe.values != nil,
      let now = ExplainRecord.summary(scratch).flatMap(ExplainIdentity.init)
    else {
      throw ExplainFailure(id: "explain.rerun", message: "re-running the backtest in the interpreter failed (see above)")
    }
    try record.identity.check(now)
    guard FileManager.default.contents(atPath: scratch + "/trades.csv") == FileManager.default.contents(atPath: dir + "/trades.csv")
    else {
      throw ExplainFailure(
        id: "explain.rerun-differs",
        message: "re-running the recipe gives other fills than \(dir)/trades.csv; refusing to explain a different run",
        notes: ["the folder was written by another stratc, or edited; run the backtest again"])
    }
    return captured
  }
}

/// The re-run's module and the probe that read the decision step.
struct ExplainProbe {
  let module: IRModule
  let probe: DecisionProbe
}
