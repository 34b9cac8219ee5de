/// Merges buffers that always hold the same values: two slots of the same kind and capacity that
/// receive the same pushes (same operands, same predicate, as many) become one. The later slot
/// and its pushes are removed and every read of it reads the earlier slot.
///
/// A read sees the state after the pushes before it, so a slot merges only when each of its reads
/// has as many pushes of the kept slot before it as of its own.
public enum SharedWindows {
  /// Returns the module with every mergeable buffer merged into the first of its kind.
  public static func run(_ module: IRModule) -> IRModule {
    var pushes = [[ValueID]](repeating: [], count: module.slots.count)
    var reads = [[ValueID]](repeating: [], count: module.slots.count)
    for (index, instruction) in module.step.enumerated() {
      guard let slot = instruction.imm.slotIndex, module.slots.indices.contains(slot) else {
        continue
      }
      if instruction.op == .push {
        pushes[slot].append(index)
      } else if instruction.op.readsSlot {
        reads[slot].append(index)
      }
    }
    var mergedInto: [Int: Int] = [:]
    for later in module.slots.indices where module.slots[later].kind.isBuffer {
      let kept = (0..<later).first { earlier in
        mergedInto[earlier] == nil && module.slots[earlier].kind == module.slots[later].kind
          && samePushes(pushes[earlier], pushes[later], module)
          && reads[later].allSatisfy { read in
            pushes[earlier].count { $0 < read } == pushes[later].count { $0 < read }
          }
      }
      if let kept { mergedInto[later] = kept }
    }
    guard !mergedInto.isEmpty else { return module }
    let removedPushes = Set(mergedInto.keys.flatMap { pushes[$0] })
    return module.removingInstructions(removedPushes)
      .removingSlots(Set(mergedInto.keys), replacing: mergedInto)
  }

  private static func samePushes(_ a: [ValueID], _ b: [ValueID], _ module: IRModule) -> Bool {
    guard a.count == b.count else { return false }
    return zip(a, b).allSatisfy { x, y in
      module.step[x].args == module.step[y].args
        && module.step[x].predicate == module.step[y].predicate
    }
  }
}
