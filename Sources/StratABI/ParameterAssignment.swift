/// One `--param NAME=VALUE` as given on the command line: split at the first `=`; the name is
/// not empty, the value may be (the checker then reports it as not a value of the type).
public struct ParameterAssignment: Sendable, Equatable {
  public var name: String
  public var value: String

  /// Splits `text`; nil when it has no `=` or nothing before it.
  public init?(_ text: String) {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    name = String(text[..<eq])
    value = String(text[text.index(after: eq)...])
  }
}
