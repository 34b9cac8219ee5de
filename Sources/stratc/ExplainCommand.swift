import Foundation
import StratABI
import StratBacktest
import StratDiagnostics
import StratIR
import StratInterpreter

/// `stratc explain DIR --fill N`: says why fill N (the N-th row of `DIR/trades.csv`) happened.
/// It re-runs the backtest that `DIR/summary.json`'s `"recipe"` describes in the interpreter,
/// reads the named values of the step that decided the order, and refuses when an input changed
/// or the re-run does not give the same fills: it never explains a different run.
enum ExplainCommand {
  static let help = """
    usage: stratc explain DIR --fill N

    Says in words why fill N (1-based row of DIR/trades.csv) happened: the decision (its time,
    the `when` rule that fired, the inputs and named values it read), the order (kind,
    quantity, limit), its latency and queue position, and the market event that filled it.
    DIR is a `stratc backtest --out` folder; the backtest is re-run in the interpreter from
    the recipe in DIR/summary.json. Exit 1 when an input file changed since the run.

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
    do throws(ExplainFailure) { trades = try ExplainRow.read(dir + "/trades.csv") } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
    guard number <= trades.count else {
      throw Arguments.Problem.usage("--fill \(number): \(args.positional[0])/trades.csv has \(trades.count) fills")
    }
    let fill = trades[number - 1]
    do throws(ExplainFailure) {
      let recipe = try recipe(dir)
      try checkInputs(recipe)
      let life = try ExplainRow.read(dir + "/orders.csv").filter { $0["order_id"] == fill["order_id"] }
      guard let filled = life.first(where: { $0["event"] == "filled" && $0["time"] == fill["time"] }),
        let step = Int(filled["step"]), step >= 1
      else {
        throw ExplainFailure(id: "explain.no-order", message: "orders.csv has no fill of order \(fill["order_id"]) at \(fill["time"])")
      }
      let probe = try rerun(recipe, step: step, dir: dir, output: output)
      Output.standardOutput(ExplainText(fill: fill, number: number, life: life, step: step, probe: probe, recipe: recipe).text)
      return .success
    } catch {
      output.report([Diagnostic(id: error.id, message: error.message, notes: error.notes)])
      return .userError
    }
  }

  /// The recipe in `dir/summary.json`.
  static func recipe(_ dir: String) throws(ExplainFailure) -> BacktestRecipe {
    guard let data = FileManager.default.contents(atPath: dir + "/summary.json"),
      let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let object = summary["recipe"] as? [String: Any],
      let directory = object["directory"] as? String, let strategy = object["strategy"] as? String,
      let specs = object["data"] as? [String], let options = object["options"] as? [String],
      let inputs = object["inputs"] as? [[String: Any]]
    else {
      throw ExplainFailure(
        id: "explain.no-recipe", message: "\(dir)/summary.json has no \"recipe\"; expected the output of `stratc backtest`",
        notes: ["run the backtest again with this stratc"])
    }
    return BacktestRecipe(
      directory: directory, strategy: strategy, data: specs, options: options,
      inputs: inputs.map { input in
        BacktestRecipe.Input(
          path: input["path"] as? String ?? "", bytes: (input["bytes"] as? NSNumber)?.int64Value ?? -1,
          modifiedNanos: (input["modified_ns"] as? NSNumber)?.int64Value ?? -1)
      })
  }

  /// Refuses when an input file is missing, not a regular file, or its size or modification
  /// time changed.
  static func checkInputs(_ recipe: BacktestRecipe) throws(ExplainFailure) {
    let base = recipe.directory.hasSuffix("/") ? recipe.directory : recipe.directory + "/"
    for recorded in recipe.inputs {
      let path = recorded.path.hasPrefix("/") ? recorded.path : base + recorded.path
      // A pipe or device cannot be read twice: the run it fed cannot be re-run.
      let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
      if let type, type != .typeRegular {
        throw ExplainFailure(
          id: "explain.not-rerunnable", message: "`\(recorded.path)` is not a regular file; the backtest it fed cannot be re-run",
          notes: ["copy the data into a file, run the backtest on it, then explain its fills"])
      }
      let now = BacktestRecipe.Input.stamp(path)
      guard now?.bytes != recorded.bytes || now?.modifiedNanos != recorded.modifiedNanos else { continue }
      throw ExplainFailure(
        id: "explain.inputs-changed",
        message: "`\(recorded.path)` " + (now == nil ? "is gone" : "changed") + " since the backtest ran; refusing to explain a different run",
        notes: ["recorded \(recorded.bytes) bytes modified at \(recorded.modifiedNanos) ns"
          + (now.map { "; now \($0.bytes) bytes modified at \($0.modifiedNanos) ns" } ?? ""),
          "run the backtest again, then explain its fills"])
    }
  }

  /// Re-runs the recipe in the interpreter into a scratch folder, keeping the values of `step`;
  /// refuses when its fills differ from `dir`'s.
  static func rerun(_ recipe: BacktestRecipe, step: Int, dir: String, output: Output) throws(ExplainFailure) -> ExplainProbe {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stratc-explain-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let words = [recipe.strategy] + recipe.data.flatMap { ["--data", $0] } + recipe.options
      + ["--backend", "interp", "--quiet", "--out", scratch]
    var captured: ExplainProbe?
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(recipe.directory)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
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
    guard code == .success, let captured, captured.probe.values != nil else {
      throw ExplainFailure(id: "explain.rerun", message: "re-running the backtest in the interpreter failed (see above)")
    }
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
