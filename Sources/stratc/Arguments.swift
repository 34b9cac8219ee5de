import StratABI
import StratDiagnostics
import StratMarket

/// A small command-line reader: positional arguments and `--flag VALUE` / `--flag=VALUE` options.
struct Arguments {
  enum Problem: Error {
    case usage(String)
    /// A name that is not known but close to one that is: the message, and the name meant.
    case misspelled(String, suggestion: String)
  }

  private(set) var positional: [String] = []
  private var options: [(name: String, value: String?)] = []

  /// Splits `args` by the flag names that take a value and those that do not.
  init(_ args: [String], valued: Set<String>, switches: Set<String>) throws {
    var i = 0
    while i < args.count {
      let arg = args[i]
      i += 1
      // `-o FILE` is the one short option: `--out FILE`, as compilers spell it.
      let spelled = arg == "-o" && valued.contains("out") ? "--out" : arg
      guard spelled.hasPrefix("--"), spelled.count > 2 else {
        positional.append(arg)
        continue
      }
      var name = String(spelled.dropFirst(2))
      var value: String?
      if let eq = name.firstIndex(of: "=") {
        value = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      if switches.contains(name) {
        guard value == nil else { throw Problem.usage("--\(name) takes no value") }
        options.append((name, nil))
      } else if valued.contains(name) {
        if value == nil {
          guard i < args.count else { throw Problem.usage("--\(name) needs a value") }
          value = args[i]
          i += 1
        }
        if name == "date", let value { try Self.checkDate(value) }
        options.append((name, value))
      } else {
        throw Self.unknown("option", "--\(name)", among: (valued.union(switches).union(["help"])).map { "--" + $0 })
      }
    }
    try refuseRepeats()
  }

  /// The error for an unknown `what` (option, command), with the closest known name if any.
  static func unknown(_ what: String, _ name: String, among known: [String]) -> Problem {
    let message = "unknown \(what) `\(name)`"
    guard let closest = Suggestions.closest(to: name, among: known.sorted()).first else { return .usage(message) }
    return .misspelled(message, suggestion: closest)
  }

  /// Options that may be given more than once; any other, given twice, would silently keep
  /// only one of its values.
  static let repeatable: Set<String> = ["data", "param", "instrument"]

  private func refuseRepeats() throws {
    var seen: Set<String> = []
    for option in options where option.value != nil && !Self.repeatable.contains(option.name) {
      guard seen.insert(option.name).inserted else {
        let given = options.filter { $0.name == option.name }.map { $0.value.map { "`\($0)`" } ?? "" }
        throw Problem.usage("--\(option.name) is given more than once (\(given.joined(separator: ", "))); give it once")
      }
    }
  }

  /// Refuses a `--date` that is not a calendar day (2020-02-30, 2021-02-29, month 13), for
  /// every command at once, so that no command can use or ignore an impossible date.
  static func checkDate(_ text: String) throws {
    guard LOBSTERFileName.day(fromISO: text) == nil else { return }
    throw Problem.usage(
      "--date expects a calendar day YYYY-MM-DD (a real month and day); found `\(text)`")
  }

  /// True when the switch was given.
  func has(_ name: String) -> Bool { options.contains { $0.name == name } }

  /// The valued flags of the compile and backtest commands (`stratc explain` re-reads a
  /// backtest's options with them).
  static let commandValued = Set([
    "diagnostics", "param", "data", "instrument", "fill", "fee", "out", "report", "on-error",
    "date", "backend", "object", "cpu", "capital", "sign", "key", "fixed", "price-range", "max-size", "ticks",
    "ticks-out", "orders-out",
  ]).union(VenueOptions.flags)
  /// Their switches.
  static let commandSwitches: Set<String> = ["no-opt", "json", "quiet", "llvm", "timing", "compare", "verilog", "itch"]

  /// The options as `--name=value` (or `--name`) words, in the given order, without `names`.
  func words(excluding names: Set<String>) -> [String] {
    options.filter { !names.contains($0.name) }.map { "--\($0.name)" + ($0.value.map { "=" + $0 } ?? "") }
  }

  /// Every value given for a repeatable option, in order.
  func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }

  /// The last value given for an option.
  func value(_ name: String) -> String? { values(name).last }

  /// Parses repeated `NAME=VALUE` options into pairs, in order.
  /// A NAME given twice is refused: which value was meant cannot be known.
  func pairs(_ name: String) throws -> [(String, String)] {
    var seen: [String: String] = [:]
    return try values(name).map { text in
      guard let pair = ParameterAssignment(text) else {
        throw Problem.usage("--\(name) expects NAME=VALUE; found `\(text)`")
      }
      if let earlier = seen.updateValue(text, forKey: pair.name) {
        throw Problem.usage("--\(name) \(pair.name) is given twice (`\(earlier)` and `\(text)`); give it once")
      }
      return (pair.name, pair.value)
    }
  }
}
