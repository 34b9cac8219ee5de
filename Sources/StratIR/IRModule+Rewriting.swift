/// Removal and renumbering, shared by the passes: value ids and slot indices stay dense, and
/// printed names are kept.
extension IRModule {
  /// Returns the module without the instructions in `removed`. Each operand and predicate is
  /// first redirected through `replacements` (chains are followed), then renumbered so that value
  /// ids are again the instructions' indices. A removed value must not be used afterwards
  /// unless it is replaced.
  public func removingInstructions(
    _ removed: Set<ValueID>,
    replacing replacements: [ValueID: ValueID] = [:]
  ) -> IRModule {
    if removed.isEmpty && replacements.isEmpty { return self }
    var newIndex = [ValueID](repeating: -1, count: step.count)
    var kept = 0
    for index in step.indices where !removed.contains(index) {
      newIndex[index] = kept
      kept += 1
    }
    let outOfRangeShift = step.count - kept
    func renumber(_ value: ValueID) -> ValueID {
      var target = value
      var hops = 0
      while let next = replacements[target], next != target, hops <= step.count {
        target = next
        hops += 1
      }
      if target >= step.count { return target - outOfRangeShift }
      return target < 0 ? target : newIndex[target]
    }
    var result = self
    result.step = []
    result.step.reserveCapacity(kept)
    for (index, instruction) in step.enumerated() where !removed.contains(index) {
      var rewritten = instruction
      rewritten.args = instruction.args.map(renumber)
      rewritten.predicate = instruction.predicate.map(renumber)
      result.step.append(rewritten)
    }
    return result
  }

  /// Returns the module without the slots in `removed`. Each slot reference is first redirected
  /// through `replacements`, then renumbered. Instructions naming a removed slot that is not
  /// replaced must have been removed before.
  public func removingSlots(_ removed: Set<Int>, replacing replacements: [Int: Int] = [:])
    -> IRModule
  {
    if removed.isEmpty && replacements.isEmpty { return self }
    var newIndex = [Int](repeating: -1, count: slots.count)
    var kept = 0
    for index in slots.indices where !removed.contains(index) {
      newIndex[index] = kept
      kept += 1
    }
    let outOfRangeShift = slots.count - kept
    func renumber(_ slot: Int) -> Int {
      var target = slot
      var hops = 0
      while let next = replacements[target], next != target, hops <= slots.count {
        target = next
        hops += 1
      }
      if target >= slots.count { return target - outOfRangeShift }
      return target < 0 ? target : newIndex[target]
    }
    var result = self
    result.slots = slots.indices.filter { !removed.contains($0) }.map { slots[$0] }
    for index in result.step.indices {
      result.step[index].imm = result.step[index].imm.mappingSlot(renumber)
    }
    return result
  }

  /// How many operands and predicates name each value (references outside the step are ignored).
  public var useCounts: [Int] {
    var counts = [Int](repeating: 0, count: step.count)
    for instruction in step {
      for value in instruction.args + (instruction.predicate.map { [$0] } ?? [])
      where counts.indices.contains(value) {
        counts[value] += 1
      }
    }
    return counts
  }
}
