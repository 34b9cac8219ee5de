/// `--flag VALUE` / `--flag=VALUE` options and positional arguments for the feed commands
/// (`strat-engine publish`, `listen`); an unknown or repeated flag, or a missing value, is a
/// usage error (the command exits 2).
package struct FeedCommandFlags {
  package struct Usage: Error {
    package let message: String
    package init(message: String) { self.message = message }
  }

  package private(set) var positional: [String] = []
  private var values: [String: String] = [:]

  package init(_ args: ArraySlice<String>, valued: Set<String>) throws(Usage) {
    var rest = args[...]
    while let arg = rest.popFirst() {
      guard arg.hasPrefix("--"), arg.count > 2 else {
        positional.append(arg)
        continue
      }
      var name = String(arg.dropFirst(2))
      var value: String?
      if let eq = name.firstIndex(of: "=") {
        value = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard valued.contains(name) else {
        throw Usage(
          message:
            "unknown option --\(name) (known: \(valued.sorted().map { "--" + $0 }.joined(separator: ", ")))"
        )
      }
      guard values[name] == nil else { throw Usage(message: "--\(name) is given twice") }
      guard let given = value ?? rest.popFirst() else {
        throw Usage(message: "--\(name) needs a value")
      }
      values[name] = given
    }
  }

  package func string(_ name: String) -> String? { values[name] }

  package func number<T: LosslessStringConvertible>(_ name: String, _ type: T.Type) throws(Usage)
    -> T?
  {
    guard let text = values[name] else { return nil }
    guard let value = T(text) else { throw Usage(message: "--\(name) \(text): not a valid number") }
    return value
  }

  /// A probability in [0, 1].
  package func probability(_ name: String) throws(Usage) -> Double {
    let value = try number(name, Double.self) ?? 0
    guard (0...1).contains(value) else {
      throw Usage(message: "--\(name) \(value): a probability is from 0 to 1")
    }
    return value
  }
}
