/// The rules the verifier checks; each raw value is the stable id of its diagnostic.
public enum IRVerifyRule: String, Sendable, CaseIterable {
  /// A value, slot, parameter, instrument or the strategy has an empty name.
  case emptyName = "ir.verify.empty-name"
  /// Two values, slots, parameters or instruments share a name.
  case duplicateName = "ir.verify.duplicate-name"
  /// An effect carries a name; effects define no value.
  case effectName = "ir.verify.effect-name"
  /// A buffer's capacity (or an ema's period) is below 1.
  case capacity = "ir.verify.capacity"
  /// A scalar slot's initial constant is not of the slot's type.
  case slotInitial = "ir.verify.slot-initial"
  /// A risk limit is negative or NaN, or an order rate has a count or window below 1.
  case riskLimit = "ir.verify.risk-limit"
  /// The warm-up step count is negative.
  case warmup = "ir.verify.warmup"
  /// An operand or predicate names an instruction at or after its user, or outside the step.
  case useBeforeDefinition = "ir.verify.use-before-def"
  /// An operand or predicate names an effect, which has no value.
  case effectOperand = "ir.verify.effect-operand"
  /// The number of operands differs from the opcode table's (or the slot's push arity).
  case operandCount = "ir.verify.operand-count"
  /// An operand's type differs from the opcode table's.
  case operandType = "ir.verify.operand-type"
  /// A value lacks a result type, an effect has one, or it differs from the opcode's.
  case resultType = "ir.verify.result-type"
  /// The immediate is not of the kind the opcode takes.
  case immediateKind = "ir.verify.immediate-kind"
  /// A slot index is outside the state record.
  case slotIndex = "ir.verify.slot-index"
  /// The slot is not of a kind the opcode accepts.
  case slotKind = "ir.verify.slot-kind"
  /// A lag is negative or not below the buffer's capacity.
  case lagRange = "ir.verify.lag-range"
  /// A store writes a value of another type than the scalar slot's.
  case storeType = "ir.verify.store-type"
  /// A constant's type differs from the instruction's result type.
  case constType = "ir.verify.const-type"
  /// A predicate is not a bool.
  case predicateType = "ir.verify.predicate-type"
  /// A value-producing instruction has a predicate; only effects may.
  case predicateOnValue = "ir.verify.predicate-on-value"
  /// An instrument index is outside the instrument list.
  case instrumentIndex = "ir.verify.instrument-index"
  /// A parameter index is outside the parameter list.
  case paramIndex = "ir.verify.param-index"
}
