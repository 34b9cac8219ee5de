import StratIR

/// A value the last step computed, read back by name.
public enum StepValue: Sendable, Equatable {
  case f64(Double)
  case i64(Int64)
  case bool(Bool)
}

/// Read-only access to the named values of the last step, for explaining a decision
/// (`stratc explain`): each IR value keeps its register until the next step overwrites it.
extension Interpreter {
  /// The named values (`%z`, `%fire.1`, `%a.close`, …) as the last `step` left them, in program
  /// order; names without `%`.
  public func namedValues() -> [(name: String, value: StepValue)] {
    namedRegisters.map { ($0.name, value(register: $0.register, type: $0.type)) }
  }

  /// The value named `name` after the last step, nil when the step has no such value.
  public func value(named name: String) -> StepValue? {
    namedRegisters.first { $0.name == name }.map { value(register: $0.register, type: $0.type) }
  }

  func value(register: Int, type: IRType) -> StepValue {
    let bits = registerBits(register)
    switch type {
    case .f64: return .f64(Double(bitPattern: bits))
    case .i64: return .i64(Int64(bitPattern: bits))
    case .bool: return .bool(bits != 0)
    }
  }
}
