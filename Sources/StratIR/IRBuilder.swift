/// Appends instructions to a module's step and hands back their value ids.
public struct IRBuilder {
  public private(set) var module: IRModule
  private var usedNames: Set<String> = []
  private var nextTemp = 0
  /// The next suffix to try for each base name, so that naming n values alike is O(n), not O(n²).
  private var nextSuffix: [String: Int] = [:]

  public init(module: IRModule) {
    self.module = module
    for instruction in module.step where !instruction.name.isEmpty {
      usedNames.insert(instruction.name)
    }
  }

  /// Appends a value-producing instruction; `name` is a hint made unique (`z`, `z.1`, …).
  @discardableResult
  public mutating func emit(
    _ op: Opcode, _ type: IRType, _ args: [ValueID] = [], imm: Immediate = .none,
    name: String? = nil
  ) -> ValueID {
    let instruction = Instruction(
      name: uniqueName(name), op: op, type: type, args: args, imm: imm)
    module.step.append(instruction)
    return module.step.count - 1
  }

  /// Appends an effect (store, push, decision), executed only when `predicate` is true.
  public mutating func effect(
    _ op: Opcode, _ args: [ValueID], imm: Immediate, predicate: ValueID? = nil
  ) {
    module.step.append(
      Instruction(op: op, type: nil, args: args, imm: imm, predicate: predicate))
  }

  /// Appends a constant.
  public mutating func constant(_ value: IRConstant, name: String? = nil) -> ValueID {
    emit(.const, value.type, imm: .constant(value), name: name)
  }

  /// Adds a slot to the state record and returns its index.
  public mutating func addSlot(_ slot: Slot) -> Int {
    var slot = slot
    var candidate = slot.name
    var suffix = 1
    let taken = Set(module.slots.map(\.name))
    while taken.contains(candidate) {
      candidate = "\(slot.name).\(suffix)"
      suffix += 1
    }
    slot.name = candidate
    module.slots.append(slot)
    return module.slots.count - 1
  }

  /// Gives a value a new printed name; returns false (and changes nothing) if the name is taken.
  @discardableResult
  public mutating func rename(_ value: ValueID, to name: String) -> Bool {
    guard !usedNames.contains(name) else { return false }
    usedNames.remove(module.step[value].name)
    usedNames.insert(name)
    module.step[value].name = name
    return true
  }

  /// The type of a value.
  public func type(of value: ValueID) -> IRType? { module.step[value].type }

  private mutating func uniqueName(_ hint: String?) -> String {
    var base = hint ?? ""
    if base.isEmpty {
      defer { nextTemp += 1 }
      base = "t\(nextTemp)"
      while usedNames.contains(base) {
        nextTemp += 1
        base = "t\(nextTemp)"
      }
      usedNames.insert(base)
      return base
    }
    var candidate = base
    var suffix = nextSuffix[base, default: 1]
    while usedNames.contains(candidate) {
      candidate = "\(base).\(suffix)"
      suffix += 1
    }
    nextSuffix[base] = suffix
    usedNames.insert(candidate)
    return candidate
  }
}
