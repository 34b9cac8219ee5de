import StratRuntime
import StratABI

/// A parameter as the strategy declares it (`param entry: Float = 2.0 in 0.5..4.0 step 0.25`):
/// what a sweep checks each of its values against before running anything.
public struct SweepParameter: Sendable, Equatable {
  /// The declared name.
  public var name: String
  /// Int (also durations, in nanoseconds), Float or Bool.
  public var kind: ParameterInfo.Kind
  /// The declared range's ends, when declared as literals.
  public var low: SweepDecimal?
  /// The declared range's high end.
  public var high: SweepDecimal?
  /// The declared step from `low`, when declared.
  public var step: SweepDecimal?

  /// Creates a declared parameter.
  public init(
    name: String, kind: ParameterInfo.Kind, low: SweepDecimal? = nil, high: SweepDecimal? = nil,
    step: SweepDecimal? = nil
  ) {
    self.name = name
    self.kind = kind
    self.low = low
    self.high = high
    self.step = step
  }

  /// Checks every axis of `grid` against `declared`: known names, the right kind, inside the
  /// declared range and on its step. Throws the first problem found.
  public static func validate(_ grid: SweepGrid, against declared: [SweepParameter])
    throws(SweepError)
  {
    for axis in grid.axes {
      guard let parameter = declared.first(where: { $0.name == axis.name }) else {
        throw SweepError(
          id: "sweep.unknown-param",
          message: "--param \(axis.spec): the strategy has no parameter `\(axis.name)`",
          notes: declared.isEmpty
            ? ["it declares no parameters"]
            : ["its parameters: " + declared.map(\.name).joined(separator: ", ")],
          subject: axis.name, known: declared.map(\.name))
      }
      for k in 0..<axis.count {
        if let why = parameter.problem(with: axis.value(at: k)) {
          throw SweepError(
            id: "sweep.param-value", message: "--param \(axis.spec): \(why)",
            notes: [parameter.declaration], subject: axis.name)
        }
      }
    }
  }

  /// Why `value` does not fit this parameter, or nil when it does.
  public func problem(with value: SweepValue) -> String? {
    switch (kind, value) {
    case (.bool, .bool): return nil
    case (.bool, .number(let n)): return "`\(name)` is a Bool; found the number \(n)"
    case (_, .bool(let b)): return "`\(name)` is a number; found \(b)"
    case (.int, .number(let n)) where !n.isInteger:
      return "`\(name)` is an Int; found \(n), which has a fractional part"
    case (_, .number(let n)):
      if let low, n < low { return "expected \(name) ≥ \(low); found \(n)" }
      if let high, high < n { return "expected \(name) ≤ \(high); found \(n)" }
      if let step, let low, !Self.isMultiple(n, of: step, from: low) {
        return "expected \(name) on the declared step \(step) from \(low); found \(n)"
      }
      return nil
    }
  }

  /// The declaration as a note: `declared: entry Float in 0.5..4 step 0.25`.
  var declaration: String {
    var text = "declared: \(name) \(kind.rawValue.capitalized)"
    if let low, let high { text += " in \(low)..\(high)" }
    if let step { text += " step \(step)" }
    return text
  }

  /// True when `value − origin` is a whole multiple of `step`, exactly.
  static func isMultiple(_ value: SweepDecimal, of step: SweepDecimal, from origin: SweepDecimal)
    -> Bool
  {
    let scale = max(value.scale, step.scale, origin.scale)
    guard let v = value.significand(atScale: scale), let s = step.significand(atScale: scale),
      let o = origin.significand(atScale: scale), s != 0
    else { return true }
    let (difference, overflow) = v.subtractingReportingOverflow(o)
    return overflow || difference % s == 0
  }
}
