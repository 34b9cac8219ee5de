import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratLLVM
import StratInterpreter
import StratMarket
import StratSema
import StratSyntax

/// `stratc sweep`: run a backtest for every point of a parameter grid, in parallel, streaming one
/// CSV row per run in grid order.
///
/// ```
///  source, data: read once ──┐
///  grid (lazy) ── index k ───┼─► worker: compile with point k's params → interpreter → backtest
///                            │        (N threads, see SweepRunner)
///                            └─► reorder buffer ─► CSV row k (stdout or --out) ─► best run
/// ```
/// Each point is compiled by the front end on its own (a parameter may size a window); native
/// code is compiled once per distinct code (`SweepCodeCache`), since it reads parameter values
/// at run time. The data is loaded once and shared read-only by every thread.
enum SweepCommand {
  /// What the command line asked for, once checked.
  struct Plan {
    var source: SourceFile
    var grid: SweepGrid
    var metric: SweepMetric
    var jobs: Int
    var fill: FillMode
    var fees: FeeModel
    var bindings: [(String, String)]
    var dataSpecs: [String]
    var outPath: String?
    var quiet: Bool
    /// The simulated venue, for a sweep on order-book data.
    var venue: VenueConfig
    var policy: MalformedInputPolicy
    var date: String?
    /// `interpreter`, `jit` or `aot`.
    var backend: String
    /// The executors of the runs, with native code shared by runs with the same code hash.
    var codes: SweepCodeCache
    /// `--capital`: the base of each run's returns, a realism setting of every run's id.
    var capital = BacktestResult.defaultCapital
  }

  /// Runs `stratc sweep` with the arguments after the subcommand; returns the exit status.
  static func run(_ argv: [String]) -> ExitCode {
    if argv.contains("--help") || argv.contains("-h") {
      Output.standardOutput(Help.sweep + "\n")
      return .success
    }
    var output = Output()
    do {
      let args = try Arguments(
        argv,
        valued: Set([
          "diagnostics", "param", "data", "instrument", "fill", "fee", "out", "metric", "jobs",
          "on-error", "date", "backend", "cpu", "capital",
        ]).union(VenueOptions.flags),
        switches: ["quiet"])
      switch args.value("diagnostics") ?? "text" {
      case "text": output.format = .text
      case "json": output.format = .json
      case let other: throw Arguments.Problem.usage("--diagnostics must be text or json; found `\(other)`")
      }
      return try execute(plan(args, output: output), output: output)
    } catch {
      return CommandFailure.exitCode(for: error, command: "sweep", output: output)
    }
  }

  /// Checks the command line and reads the source (not yet the data).
  static func plan(_ args: Arguments, output: Output) throws -> Plan {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one .strat file") }
    try Backends.validate(args)
    let dataSpecs = args.values("data")
    guard !dataSpecs.isEmpty else { throw Arguments.Problem.usage("give at least one --data SYMBOL=PATH") }
    let specs = args.values("param")
    guard !specs.isEmpty else { throw Arguments.Problem.usage("give at least one --param NAME=LO:HI:STEP or NAME=A,B,C") }
    guard let fill = FillMode(rawValue: args.value("fill") ?? "next-open") else {
      throw Arguments.Problem.usage("--fill must be next-open or close")
    }
    let metricName = args.value("metric") ?? "sharpe"
    guard let metric = SweepMetric(rawValue: metricName) else {
      let names = SweepMetric.allCases.map(\.rawValue)
      throw Arguments.Problem.usage("--metric must be one of \(names.joined(separator: ", ")); found `\(metricName)`")
    }
    let jobs = try jobCount(args.value("jobs"))
    let grid: SweepGrid
    do {
      grid = try SweepGrid(axes: specs.map { spec throws(SweepError) in try SweepAxis.parse(spec) })
    } catch {
      throw problem(error)
    }
    let source: SourceFile
    switch Output.readSource(args.positional[0]) {
    case .success(let file): source = file
    case .failure(let d):
      output.report([d])
      throw ExitCode.userError
    }
    if let out = args.value("out") {
      let inputs = args.positional + OutputPaths.dataPaths(dataSpecs)
      try OutputPaths.checkFile(flag: "--out", path: out, inputs: inputs)
      try OutputPaths.checkFile(flag: "--out (its JSON sidecar)", path: SweepSidecar.path(forCSV: out), inputs: inputs)
    }
    var plan = Plan(
      source: source, grid: grid, metric: metric, jobs: jobs, fill: fill,
      fees: try BacktestCommand.feeModel(args.value("fee")), bindings: try args.pairs("instrument"),
      dataSpecs: dataSpecs, outPath: args.value("out"), quiet: args.has("quiet"),
      venue: try VenueOptions.config(args), policy: try BacktestCommand.policy(args),
      date: args.value("date"), backend: Backends.label(args),
      codes: SweepCodeCache(
        backend: Backends.label(args), sourceHash: SHA256.hex(source.bytes),
        cpu: Backends.cpu(args)))
    plan.capital = try BacktestCommand.capital(args)
    return plan
  }

  /// `--jobs N` (1...1024), or every core.
  static func jobCount(_ text: String?) throws -> Int {
    guard let text else { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
    guard let n = Int(text), (1...1024).contains(n) else {
      throw Arguments.Problem.usage("--jobs expects a whole number from 1 to 1024; found `\(text)`")
    }
    return n
  }

  /// A sweep error as a usage error: one line (its notes in parentheses), and a did-you-mean
  /// for an unknown parameter.
  static func problem(_ error: SweepError) -> Arguments.Problem {
    var text = error.message
    if !error.notes.isEmpty { text += " (\(error.notes.joined(separator: "; ")))" }
    if let (given, known) = error.unknownName,
      let closest = Suggestions.closest(to: given, among: known).first
    {
      return .misspelled(text, suggestion: closest)
    }
    return .usage(text)
  }
}
