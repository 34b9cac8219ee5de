/// How a new version's state is made from the running version's: slot by slot, a slot moves
/// when a slot of the same name, kind and size exists in both layouts; the rest start as after
/// a reset. `complete` says every slot of both moved (the layouts agree).
package struct StateCarry: Sendable, Equatable {
  /// Byte ranges to copy: from the old record's offset to the new record's offset.
  package var copies: [(from: Int, to: Int, bytes: Int)]
  package var complete: Bool
  /// Slots of the new layout that start fresh.
  package var fresh: [String]

  /// The carry between two layouts; nil when either is unknown (an object's).
  package init?(from old: [StateSlot]?, to new: [StateSlot]?) {
    guard let old, let new else { return nil }
    var oldOffsets: [String: (offset: Int, slot: StateSlot)] = [:]
    var offset = 0
    for slot in old {
      oldOffsets[slot.name] = (slot.offset ?? offset, slot)
      offset = (slot.offset ?? offset) + slot.bytes
    }
    copies = []
    fresh = []
    offset = 0
    for slot in new {
      let at = slot.offset ?? offset
      if let match = oldOffsets[slot.name], match.slot.sameShape(as: slot) {
        copies.append((match.offset, at, slot.bytes))
      } else {
        fresh.append(slot.name)
      }
      offset = at + slot.bytes
    }
    complete = fresh.isEmpty && copies.count == old.count
  }

  /// The slots that move, in the new layout's order (for the log).
  package func carried(_ new: [StateSlot]) -> [String] {
    let fresh = Set(self.fresh)
    return new.map(\.name).filter { !fresh.contains($0) }
  }

  /// Copies the moving slots from `old` into `new` (both state records).
  package func apply(from old: UnsafeMutableRawBufferPointer, to new: UnsafeMutableRawBufferPointer) {
    for c in copies where c.from + c.bytes <= old.count && c.to + c.bytes <= new.count {
      new.baseAddress!.advanced(by: c.to).copyMemory(from: old.baseAddress!.advanced(by: c.from), byteCount: c.bytes)
    }
  }

  package static func == (a: StateCarry, b: StateCarry) -> Bool {
    a.complete == b.complete && a.fresh == b.fresh
      && a.copies.elementsEqual(b.copies) { $0.from == $1.from && $0.to == $1.to && $0.bytes == $1.bytes }
  }
}

extension StateSlot {
  /// Same name, kind and size (where a slot starts does not matter to a carry).
  func sameShape(as other: StateSlot) -> Bool { name == other.name && kind == other.kind && bytes == other.bytes }
}
