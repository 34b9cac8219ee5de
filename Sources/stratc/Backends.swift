import StratABI
import StratIR
import StratInterpreter
import StratLLVM

/// `--backend interp|jit`: the executor a backtest runs, and its name in the summary.
enum Backends {
  static let names = ["interp", "jit"]

  /// Builds the executor for `name` (nil = the interpreter).
  static func make(_ module: IRModule, _ name: String?) throws -> (executor: any StrategyExecutor, label: String) {
    switch name ?? "interp" {
    case "interp": return (try Interpreter(module: module), "interpreter")
    case "jit": return (try JITExecutor(module: module), "jit")
    case let other:
      throw Arguments.Problem.usage("--backend must be interp or jit; found `\(other)`")
    }
  }
}
