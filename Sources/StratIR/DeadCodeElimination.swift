/// Removes what cannot affect a decision: values that nothing uses (reads of state included,
/// since reading changes nothing), and slots that nothing reads, with the stores and pushes that
/// fill them. Decisions are always kept.
public enum DeadCodeElimination {
  /// Returns the module without dead values and unread slots, repeated until none is left.
  public static func run(_ module: IRModule) -> IRModule {
    var current = module
    while true {
      let next = withoutUnreadSlots(withoutUnusedValues(current))
      if next.step == current.step && next.slots == current.slots { return current }
      current = next
    }
  }

  /// Removes non-effect instructions with no use, last first, so that chains go in one sweep.
  static func withoutUnusedValues(_ module: IRModule) -> IRModule {
    var uses = module.useCounts
    var removed: Set<ValueID> = []
    for index in module.step.indices.reversed() {
      let instruction = module.step[index]
      guard !instruction.op.isEffect, uses[index] == 0 else { continue }
      removed.insert(index)
      for value in instruction.args + (instruction.predicate.map { [$0] } ?? [])
      where uses.indices.contains(value) {
        uses[value] -= 1
      }
    }
    return module.removingInstructions(removed)
  }

  /// Removes slots that no instruction reads, together with their stores and pushes.
  static func withoutUnreadSlots(_ module: IRModule) -> IRModule {
    var isRead = [Bool](repeating: false, count: module.slots.count)
    for instruction in module.step where instruction.op.readsSlot {
      if let slot = instruction.imm.slotIndex, isRead.indices.contains(slot) { isRead[slot] = true }
    }
    let unread = Set(module.slots.indices.filter { !isRead[$0] })
    guard !unread.isEmpty else { return module }
    let writes = module.step.indices.filter { index in
      let instruction = module.step[index]
      guard instruction.op.writesSlot, let slot = instruction.imm.slotIndex else { return false }
      return unread.contains(slot)
    }
    return module.removingInstructions(Set(writes)).removingSlots(unread)
  }
}
