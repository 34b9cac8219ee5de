import StratABI
import StratIR

/// The interpreter's view of the state record: StratABI's `StateLayout` (the one layout every
/// executor shares), checked against the interpreter's limits, plus each scalar's initial bits.
struct StateRecord {
  /// Where every slot and field lives.
  let layout: StateLayout
  /// Each scalar slot's offset and the bit pattern of its initial constant.
  let scalarInitials: [(offset: Int, bits: UInt64)]

  /// Byte offset of each slot, indexed like `IRModule.slots`.
  var offsets: [Int] { layout.offsets }
  /// Bytes of the whole record.
  var byteCount: Int { layout.byteCount }

  /// Byte offset from the record's start of one field of a slot.
  func offset(ofSlot slot: Int, field: SlotField) -> Int? { layout.offset(ofSlot: slot, field: field) }

  /// Lays out `slots`, or throws when a slot cannot be laid out.
  init(slots: [Slot]) throws(InterpreterError) {
    let layout = StateLayout(shapes: slots.map(\.kind.shape))
    var initials: [(offset: Int, bits: UInt64)] = []
    // Slot by slot, so that the first bad slot is the one reported.
    for (index, slot) in slots.enumerated() {
      if case .scalar(let type, let initial) = slot.kind {
        guard initial.type == type else {
          throw .initialValueMismatch(slot: index, expected: type, found: initial.type)
        }
        initials.append((layout.offsets[index], initial.canonicalBits))
      } else if case .capacity(_, let capacity)? = StateLayout(shapes: [slot.kind.shape]).refusal {
        throw .invalidCapacity(slot: index, capacity: capacity)
      }
    }
    if case .byteCount(let count)? = layout.refusal {
      throw .tooLarge(what: "state bytes", count: count, limit: StateLayout.maxByteCount)
    }
    self.layout = layout
    self.scalarInitials = initials
  }
}
