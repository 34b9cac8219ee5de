import Foundation
import StratABI
import StratDiagnostics
import StratHLS
import StratIR
import StratInterpreter

/// Where a kernel's ticks come from: a tick file, the backtest's own data (recorded as the
/// backtester feeds it), or, for `emit-hls` with neither, a seeded random walk.
enum HLSTicks {
  /// The ticks of `--ticks` or `--data`; nil when neither is given.
  static func load(_ args: Arguments, _ plan: KernelPlan, output: Output) throws -> Result<[Tick]?, ExitCode> {
    if let path = args.value("ticks") {
      guard let data = FileManager.default.contents(atPath: path), data.count <= TickFile.largestFile else {
        output.report([Diagnostic(id: "hls.ticks", message: "cannot read \(path) (missing, unreadable or over 1 GiB)")])
        return .failure(.userError)
      }
      switch TickFile.parse(String(decoding: data, as: UTF8.self), path: path, plan: plan) {
      case .success(let ticks): return .success(ticks)
      case .failure(let d):
        output.report([d])
        return .failure(.userError)
      }
    }
    guard !args.values("data").isEmpty else { return .success(nil) }
    return try recorded(args, plan, output: output).map { $0 }
  }

  /// The options that choose what the backtest reads, passed on as given.
  static let backtestOptions = ["data", "instrument", "param", "date", "on-error"]

  /// Runs the backtest in the interpreter with a recorder around it: each step's bars become a tick.
  static func recorded(_ args: Arguments, _ plan: KernelPlan, output: Output) throws -> Result<[Tick], ExitCode> {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stratc-hls-\(getpid())-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let words = args.positional + backtestOptions.flatMap { name in args.values(name).flatMap { ["--" + name, $0] } }
      + ["--backend", "interp", "--quiet", "--out", scratch.path]
    let backtest = try Arguments(words, valued: Arguments.commandValued, switches: Arguments.commandSwitches)
    var recorder: TickRecorder?
    let code = try BacktestCommand.run(backtest, output: output) { _, executor in
      let r = TickRecorder(executor, plan)
      recorder = r
      return r
    }
    guard code == .success, let recorder else { return .failure(code == .success ? .internalError : code) }
    if recorder.inexact > 0 {
      output.report([Diagnostic(
        id: "hls.inexact-ticks", severity: .warning,
        message: "\(recorder.inexact) field values are not whole multiples of 1/\(plan.options.priceScale); the ticks round them",
        notes: ["the kernel and hls-sim see the rounded prices; --compare runs the double interpreter on the same ticks"])])
    }
    // The backtest's data must lie in the declared ranges too: the kernel's formats hold no more.
    if let (n, problem) = recorder.ticks.enumerated().lazy.compactMap({ i, t in TickFile.problem(t, plan).map { (i, $0) } }).first {
      output.report([Diagnostic(
        id: "hls.bad-tick", message: "step \(n + 1) of the backtest (time \(recorder.ticks[n].time)): " + problem,
        at: DataLocation(path: args.values("data").joined(separator: ", ")))])
      return .failure(.userError)
    }
    return .success(recorder.ticks)
  }
}
