/// Merges repeated computations: an instruction with the same opcode, type, operands and
/// immediate as an earlier one is replaced by it.
///
/// Pure instructions merge anywhere. Reads of state (`load`, `lag`, the statistics) merge only
/// when no store or push to their slot runs between them: each read is keyed by the number of
/// writes to its slot seen so far. Effects are never merged.
public enum CommonSubexpressionElimination {
  /// Returns the module with every repeated computation replaced by its first occurrence.
  public static func run(_ module: IRModule) -> IRModule {
    var result = module
    var first: [Key: ValueID] = [:]
    var writes = [Int](repeating: 0, count: module.slots.count)
    var replacements: [ValueID: ValueID] = [:]
    for index in result.step.indices {
      result.step[index].args = result.step[index].args.map { replacements[$0] ?? $0 }
      result.step[index].predicate = result.step[index].predicate.map { replacements[$0] ?? $0 }
      let instruction = result.step[index]
      let slot = instruction.imm.slotIndex.flatMap { writes.indices.contains($0) ? $0 : nil }
      if instruction.op.isEffect {
        if instruction.op.writesSlot, let slot { writes[slot] += 1 }
        continue
      }
      guard instruction.op.isPure || instruction.op.readsSlot else { continue }
      let version = instruction.op.readsSlot ? slot.map { writes[$0] } ?? -1 : 0
      let key = Key(instruction, version: version)
      if let earlier = first[key] {
        replacements[index] = earlier
      } else {
        first[key] = index
      }
    }
    return result.removingInstructions(Set(replacements.keys), replacing: replacements)
  }

  /// What makes two computations the same; constants compare by bit pattern.
  private struct Key: Hashable {
    var op: Opcode
    var type: IRType?
    var args: [ValueID]
    var predicate: ValueID?
    var immediate: [Int64]
    var version: Int

    init(_ instruction: Instruction, version: Int) {
      op = instruction.op
      type = instruction.type
      args = instruction.args
      predicate = instruction.predicate
      self.version = version
      immediate =
        switch instruction.imm {
        case .none: [0]
        case .constant(.f64(let d)): [1, Int64(bitPattern: d.bitPattern)]
        case .constant(.i64(let i)): [2, i]
        case .constant(.bool(let b)): [3, b ? 1 : 0]
        case .slot(let s): [4, Int64(s)]
        case .lag(let s, let k): [5, Int64(s), Int64(k)]
        case .instrument(let i): [6, Int64(i)]
        case .field(let i, let f): [7, Int64(i), Int64(f.rawValue)]
        case .param(let p): [8, Int64(p)]
        }
    }
  }
}
