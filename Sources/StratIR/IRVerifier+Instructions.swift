import StratDiagnostics

extension IRVerifier {
  mutating func checkInstruction(_ index: ValueID) {
    let instruction = module.step[index]
    checkName(index)
    checkResultType(index)
    checkImmediate(index)
    for (position, value) in instruction.args.enumerated() {
      checkReference(value, of: index, what: "operand \(position + 1)")
    }
    checkOperandTypes(index)
    if let predicate = instruction.predicate {
      checkPredicate(predicate, of: index)
    }
  }

  // MARK: - Names and results

  private mutating func checkName(_ index: ValueID) {
    let instruction = module.step[index]
    if instruction.op.isEffect {
      if !instruction.name.isEmpty {
        report(.effectName, place(index), "an effect defines no value; expected no name")
      }
      return
    }
    if instruction.name.isEmpty {
      report(.emptyName, place(index), "the value has an empty name")
      return
    }
    if let first = firstDefinition[instruction.name], first != index {
      report(
        .duplicateName,
        place(index),
        "the name is already defined by step[\(first)]; expected unique names"
      )
    }
  }

  private mutating func checkResultType(_ index: ValueID) {
    let instruction = module.step[index]
    let op = instruction.op
    guard !op.isEffect else {
      if let type = instruction.type {
        report(.resultType, place(index), "an effect has no result; found type \(type.rawValue)")
      }
      return
    }
    guard let type = instruction.type else {
      report(.resultType, place(index), "expected a result type, found none")
      return
    }
    if let fixed = op.fixedResultType, fixed != type {
      report(
        .resultType,
        place(index),
        "\(op.rawValue) gives \(fixed.rawValue); found type \(type.rawValue)"
      )
    }
  }

  // MARK: - Immediates

  private mutating func checkImmediate(_ index: ValueID) {
    let instruction = module.step[index]
    let op = instruction.op
    guard instruction.imm.kind == op.immediateKind else {
      report(
        .immediateKind,
        place(index),
        "\(op.rawValue) takes an immediate of kind \(op.immediateKind.rawValue); "
          + "found \(instruction.imm.kind.rawValue)"
      )
      return
    }
    switch instruction.imm {
    case .none: break
    case .constant(let constant):
      if let type = instruction.type, constant.type != type {
        report(
          .constType,
          place(index),
          "constant \(IRPrinter.literal(constant)) is \(constant.type.rawValue); "
            + "the result type is \(type.rawValue)"
        )
      }
    case .slot(let slot): checkSlotReference(slot, k: nil, of: index)
    case .lag(let slot, let k): checkSlotReference(slot, k: k, of: index)
    case .instrument(let instrument), .field(let instrument, _):
      if !module.instruments.indices.contains(instrument) {
        report(
          .instrumentIndex,
          place(index),
          "instrument \(instrument) does not exist (\(module.instruments.count) declared)"
        )
      }
    case .param(let param): checkParamReference(param, of: index)
    }
  }

  private mutating func checkParamReference(_ param: Int, of index: ValueID) {
    guard module.params.indices.contains(param) else {
      report(
        .paramIndex,
        place(index),
        "parameter \(param) does not exist (\(module.params.count) declared)"
      )
      return
    }
    let declared = module.params[param].value.type
    if let type = module.step[index].type, type != declared {
      report(
        .resultType,
        place(index),
        "parameter %\(IRPrinter.name(module.params[param].name)) is \(declared.rawValue); "
          + "found type \(type.rawValue)"
      )
    }
  }

  private mutating func checkSlotReference(_ slot: Int, k: Int?, of index: ValueID) {
    let instruction = module.step[index]
    guard module.slots.indices.contains(slot) else {
      report(
        .slotIndex,
        place(index),
        "slot \(slot) does not exist (\(module.slots.count) declared)"
      )
      return
    }
    let declared = module.slots[slot]
    let name = "$\(IRPrinter.name(declared.name))"
    guard instruction.op.accepts(declared.kind) else {
      let samples: [(SlotKind, String)] = [
        (.scalar(.f64, initial: .f64(0)), "scalar"), (.ring(capacity: 1), "ring"),
        (.window(capacity: 1), "window"), (.pairWindow(capacity: 1), "pair_window"),
        (.ema(period: 1), "ema"),
      ]
      let accepted = samples.filter { instruction.op.accepts($0.0) }.map(\.1)
      report(
        .slotKind,
        place(index),
        "\(name) is \(IRPrinter.kindText(declared.kind)); \(instruction.op.rawValue) takes "
          + accepted.joined(separator: " or ")
      )
      return
    }
    if let k, let capacity = declared.kind.capacity, k < 0 || k >= capacity {
      report(
        .lagRange,
        place(index),
        "lag \(k) of \(name); expected 0 through \(capacity - 1) (capacity \(capacity))"
      )
    }
    if instruction.op == .load, case .scalar(let type, _) = declared.kind,
      let result = instruction.type, result != type
    {
      report(
        .resultType,
        place(index),
        "\(name) is \(type.rawValue); found type \(result.rawValue)"
      )
    }
  }

  // MARK: - Operands

  private mutating func checkReference(_ value: ValueID, of index: ValueID, what: String) {
    guard value >= 0, value < index else {
      report(
        .useBeforeDefinition,
        place(index),
        "\(what) names step[\(value)]; expected a value defined before step[\(index)]"
      )
      return
    }
    if module.step[value].type == nil {
      report(
        .effectOperand,
        place(index),
        "\(what) names step[\(value)] (\(module.step[value].op.rawValue)), which has no value"
      )
    }
  }

  /// The operand types the instruction must have, from the table or from its slot and result.
  private func expectedOperandTypes(_ instruction: Instruction) -> [IRType]? {
    if let types = instruction.op.operandTypes { return types }
    switch instruction.op {
    case .select:
      let type = instruction.type ?? .f64
      return [.bool, type, type]
    case .store:
      guard let slot = slot(of: instruction), case .scalar(let type, _) = slot.kind else {
        return nil
      }
      return [type]
    case .push:
      guard let arity = slot(of: instruction)?.kind.pushArity else { return nil }
      return Array(repeating: .f64, count: arity)
    default: return nil
    }
  }

  private mutating func checkOperandTypes(_ index: ValueID) {
    let instruction = module.step[index]
    guard let expected = expectedOperandTypes(instruction) else { return }
    let op = instruction.op.rawValue
    guard instruction.args.count == expected.count else {
      report(
        .operandCount,
        place(index),
        "\(op) takes \(expected.count) operand(s); found \(instruction.args.count)"
      )
      return
    }
    for (position, (value, type)) in zip(instruction.args, expected).enumerated() {
      guard let actual = operandType(value, before: index), actual != type else { continue }
      let rule: IRVerifyRule = instruction.op == .store ? .storeType : .operandType
      report(
        rule,
        place(index),
        "operand \(position + 1) (\(IRPrinter.valueRef(value, module))) is \(actual.rawValue); "
          + "\(op) expects \(type.rawValue) there"
      )
    }
  }

  private mutating func checkPredicate(_ predicate: ValueID, of index: ValueID) {
    guard module.step[index].op.isEffect else {
      report(.predicateOnValue, place(index), "only effects may have a predicate; found one")
      return
    }
    checkReference(predicate, of: index, what: "the predicate")
    if let type = operandType(predicate, before: index), type != .bool {
      report(
        .predicateType,
        place(index),
        "the predicate \(IRPrinter.valueRef(predicate, module)) is \(type.rawValue); "
          + "expected bool"
      )
    }
  }
}
