import StratABI
import StratSyntax

/// The front end's limits, one place for all of them (Grammar/REFERENCE.md, "Limits"). Each is
/// within what every backend supports, so a program `stratc check` accepts runs on all of them:
/// the interpreter, the JIT and shared objects.
public enum Limits {
  /// Deepest nesting of parentheses, calls, unary operators, `if`s and lags in one expression.
  public static let maximumNesting = Parser.maximumNesting
  /// Deepest expression tree, operator chains and inlined functions included.
  public static let maximumHeight = Parser.maximumHeight
  /// Longest window or lag, in steps.
  public static let maximumWindow: Int64 = 1_000_000
  /// Most expression nodes that calls of user functions may add to the program when inlined.
  public static let maximumExpansion = 1_000_000
  /// Largest state record, in bytes: StratABI's `StateLayout.maxByteCount` (1 GiB).
  public static let maximumStateBytes = StateLayout.maxByteCount
  /// Most instruments (the C ABI's descriptor reader accepts 65,536).
  public static let maximumInstruments = 1 << 16
  /// Most parameters (the C ABI's descriptor reader accepts 65,536).
  public static let maximumParams = 1 << 16
  /// Most decisions one step can make: one per action, `flat` with no instrument one per
  /// instrument, and one per instrument for `flatten_before` (the C ABI accepts 2²⁰).
  public static let maximumDecisions = 1 << 20
  /// Longest warm-up of a rule, in steps (the C ABI's descriptor holds it in 32 bits).
  public static let maximumWarmup = Int(UInt32.max)
  /// Largest `max_orders` count: the runtime remembers the time of each order in the window.
  public static let maximumOrdersPerWindow: Int64 = 1_000_000
}
