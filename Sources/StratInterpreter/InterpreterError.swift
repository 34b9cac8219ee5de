import StratABI
import StratIR

/// Why a module cannot be run. The verifier should have caught every one of these first, so
/// each is a compiler bug; the interpreter still refuses the module rather than trap on it.
public enum InterpreterError: Error, Equatable, CustomStringConvertible {
  /// An operand or predicate is not the index of an earlier value-producing instruction.
  case badOperand(instruction: Int, operand: ValueID)
  /// An instruction has the wrong number of value operands.
  case operandCount(instruction: Int, op: Opcode, expected: Int, found: Int)
  /// An operand, predicate or result has a type the opcode does not take.
  case typeMismatch(instruction: Int, op: Opcode, expected: IRType?, found: IRType?)
  /// The immediate is missing or of the wrong kind for the opcode.
  case badImmediate(instruction: Int, op: Opcode)
  /// The slot index is out of range, or the slot's kind does not support the opcode.
  case badSlot(instruction: Int, op: Opcode, slot: Int)
  /// A lag is negative or not below the buffer's capacity.
  case lagOutOfRange(instruction: Int, k: Int, capacity: Int)
  /// An instrument index is out of range.
  case badInstrument(instruction: Int, instrument: Int)
  /// A parameter index is out of range.
  case badParameter(instruction: Int, param: Int)
  /// A buffer slot's capacity is below 1 or absurdly large.
  case invalidCapacity(slot: Int, capacity: Int)
  /// A scalar slot's initial constant is not of the slot's type.
  case initialValueMismatch(slot: Int, expected: IRType, found: IRType)
  /// A risk limit names an instrument the strategy does not have.
  case badRiskInstrument(instrument: Int)
  /// The step has too many instructions, or the state record too many bytes, to run here.
  case tooLarge(what: String, count: Int, limit: Int)

  /// Returns the problem in words: what was expected and what was found.
  public var description: String {
    switch self {
    case .badOperand(let i, let operand):
      "instruction \(i): operand %\(operand) is not an earlier value; operands must refer to "
        + "value-producing instructions before their use"
    case .operandCount(let i, let op, let expected, let found):
      "instruction \(i): '\(op.rawValue)' takes \(expected) operand(s), but has \(found)"
    case .typeMismatch(let i, let op, let expected, let found):
      "instruction \(i): '\(op.rawValue)' expected a value of type \(name(expected)), "
        + "but it is \(name(found))"
    case .badImmediate(let i, let op):
      "instruction \(i): '\(op.rawValue)' has an immediate of the wrong kind"
    case .badSlot(let i, let op, let slot):
      "instruction \(i): '\(op.rawValue)' cannot use slot \(slot) (missing or of another kind)"
    case .lagOutOfRange(let i, let k, let capacity):
      "instruction \(i): lag \(k) is outside a buffer of capacity \(capacity); "
        + "lags run 0..<\(capacity)"
    case .badInstrument(let i, let instrument):
      "instruction \(i): instrument \(instrument) does not exist"
    case .badParameter(let i, let param):
      "instruction \(i): parameter \(param) does not exist"
    case .invalidCapacity(let slot, let capacity):
      "slot \(slot): capacity \(capacity) is outside 1...\(StateLayout.maxCapacity)"
    case .initialValueMismatch(let slot, let expected, let found):
      "slot \(slot): a \(expected.rawValue) scalar cannot start at a \(found.rawValue) constant"
    case .badRiskInstrument(let instrument):
      "risk limit: instrument \(instrument) does not exist"
    case .tooLarge(let what, let count, let limit):
      "the module has \(count) \(what); the interpreter runs at most \(limit)"
    }
  }

  private func name(_ type: IRType?) -> String { type?.rawValue ?? "no value" }
}
