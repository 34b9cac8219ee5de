import StratABI
import StratDiagnostics

/// The catalogue of IR text parse errors (`ir.parse.*`): every message the parser reports says
/// what was expected and what was found.
public enum IRParseDiagnostics {
  /// Something other than the grammar allows here.
  static func expected(_ what: String, found: String, at location: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.expected",
      message: "expected \(what), found \(found)",
      at: location
    )
  }

  /// A character that starts no token.
  static func invalidCharacter(_ found: String, at location: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.invalid-character",
      message: "expected a name, literal, reference or one of `= : , { } < >`, found \(found)",
      at: location
    )
  }

  /// A string without its closing quote on the same line.
  static func unterminatedString(at location: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.unterminated-string",
      message: "expected a closing `\"` before the end of the line, found none",
      at: location,
      notes: ["write a newline inside a string as `\\n`"]
    )
  }

  /// An escape other than `\" \\ \n \r \t \u{…}`.
  static func invalidEscape(_ found: String, at location: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.invalid-escape",
      message: "expected one of the escapes \\\" \\\\ \\n \\r \\t \\u{hex}, found `\(found)`",
      at: location
    )
  }

  /// A number that is not spelled as the text form spells numbers.
  static func malformedNumber(_ found: String, at location: DataLocation) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.malformed-number",
      message: "expected a number such as `12`, `-2.5`, `1e-05`, `inf` or `nan`, found `\(found)`",
      at: location
    )
  }

  /// A literal too large for its type.
  static func numberOutOfRange(_ found: String, type: IRType, at location: DataLocation)
    -> Diagnostic
  {
    let range =
      type == .i64
      ? "an i64 between -9223372036854775808 and 9223372036854775807"
      : "a finite f64 (write `inf` for infinity)"
    return Diagnostic(
      id: "ir.parse.number-out-of-range",
      message: "expected \(range), found `\(found)`",
      at: location
    )
  }

  /// A word where an opcode was expected.
  static func unknownOpcode(_ found: String, at location: DataLocation) -> Diagnostic {
    let close = Suggestions.closest(to: found, among: Opcode.allCases.map(\.rawValue))
    return Diagnostic(
      id: "ir.parse.unknown-opcode",
      message: "expected an opcode, found `\(found)`",
      at: location,
      notes: suggestion(close)
    )
  }

  /// A word where a type (or slot kind) was expected.
  static func unknownType(_ found: String, expected: [String], at location: DataLocation)
    -> Diagnostic
  {
    let list = expected.map { "`\($0)`" }.joined(separator: ", ")
    return Diagnostic(
      id: "ir.parse.unknown-type",
      message: "expected one of \(list), found `\(found)`",
      at: location,
      notes: suggestion(Suggestions.closest(to: found, among: expected))
    )
  }

  /// A reference to an instrument, parameter, slot or value that is not declared.
  static func unknownName(
    _ name: String,
    sigil: String,
    kind: String,
    among names: [String],
    at location: DataLocation
  ) -> Diagnostic {
    let close = Suggestions.closest(to: name, among: names).map { sigil + IRPrinter.name($0) }
    return Diagnostic(
      id: "ir.parse.unknown-name",
      message: "expected a declared \(kind), found `\(sigil)\(IRPrinter.name(name))`",
      at: location,
      notes: suggestion(close, otherwise: "declare the \(kind) before its use")
    )
  }

  /// A second declaration of a name.
  static func duplicateName(
    _ name: String,
    sigil: String,
    firstLine: Int,
    at location: DataLocation
  ) -> Diagnostic {
    Diagnostic(
      id: "ir.parse.duplicate-name",
      message: "expected a new name, found `\(sigil)\(IRPrinter.name(name))` declared again",
      at: location,
      notes: ["it is first declared on line \(firstLine)"]
    )
  }

  /// A literal of one type where another type was declared.
  static func literalType(_ expected: IRType, found: IRToken, at location: DataLocation)
    -> Diagnostic
  {
    let example =
      switch expected {
      case .f64: "`2.0`"
      case .i64: "`2`"
      case .bool: "`true`"
      }
    return Diagnostic(
      id: "ir.parse.literal-type",
      message:
        "expected a \(expected.rawValue) literal such as \(example), found \(found.description)",
      at: location
    )
  }

  /// A bar field name that is not one of open, high, low, close, volume.
  static func unknownField(_ found: String, at location: DataLocation) -> Diagnostic {
    let names = InputField.allFields.map(\.name)
    return Diagnostic(
      id: "ir.parse.unknown-field",
      message: "expected an input field (such as close, last, position, bid_price_1), found `\(found)`",
      at: location,
      notes: suggestion(Suggestions.closest(to: found, among: names))
    )
  }

  private static func suggestion(_ names: [String], otherwise: String? = nil) -> [String] {
    if names.isEmpty { return otherwise.map { [$0] } ?? [] }
    return ["did you mean " + names.map { "`\($0)`" }.joined(separator: " or ") + "?"]
  }
}
