import StratABI
/// One SSA instruction of the step function.
public struct Instruction: Sendable, Equatable {
  /// The printed SSA name without `%` (unique in the step); empty for effects.
  public var name: String
  public var op: Opcode
  /// The result type; nil for effects (stores, pushes, decisions).
  public var type: IRType?
  /// Value operands, in the order the opcode table gives.
  public var args: [ValueID]
  /// The non-value operand: a constant, slot, instrument, field, parameter or lag.
  public var imm: Immediate
  /// For effects: the effect happens only when this bool value is true; nil = always.
  public var predicate: ValueID?

  public init(
    name: String = "", op: Opcode, type: IRType?, args: [ValueID] = [],
    imm: Immediate = .none, predicate: ValueID? = nil
  ) {
    self.name = name
    self.op = op
    self.type = type
    self.args = args
    self.imm = imm
    self.predicate = predicate
  }
}

/// The non-value operand of an instruction.
public enum Immediate: Sendable, Equatable {
  case none
  case constant(IRConstant)
  /// A slot index into `IRModule.slots`.
  case slot(Int)
  /// A slot and a lag: the k-th most recent value (0 = newest).
  case lag(slot: Int, k: Int)
  /// An instrument index into `IRModule.instruments`.
  case instrument(Int)
  /// A bar field of an instrument.
  case field(instrument: Int, InputField)
  /// A parameter index into `IRModule.params`.
  case param(Int)
}
