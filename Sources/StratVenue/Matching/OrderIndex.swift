/// Venue order id → pool slot, an open-addressing table with linear probing, sized at init to
/// at least twice the pool (so it never fills) and deleting by backward shift (no tombstones):
/// lookups, inserts and deletes allocate nothing. Id 0 marks an empty cell (ids start at 1).
struct OrderIndex {
  private let keys: UnsafeMutablePointer<UInt64>
  private let slots: UnsafeMutablePointer<Int32>
  private let mask: Int

  init(orders: Int) {
    var size = 16
    while size < orders * 2 { size <<= 1 }
    mask = size - 1
    keys = .allocate(capacity: size)
    keys.initialize(repeating: 0, count: size)
    slots = .allocate(capacity: size)
    slots.initialize(repeating: -1, count: size)
  }

  func deallocate() {
    keys.deallocate()
    slots.deallocate()
  }

  @inline(__always)
  private func home(_ id: UInt64) -> Int {
    Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// The slot of `id`, or -1.
  func find(_ id: UInt64) -> Int32 {
    var cell = home(id)
    while keys[cell] != 0 {
      if keys[cell] == id { return slots[cell] }
      cell = (cell + 1) & mask
    }
    return -1
  }

  /// Files `id` (not present) under `slot`.
  func insert(_ id: UInt64, slot: Int32) {
    var cell = home(id)
    while keys[cell] != 0 { cell = (cell + 1) & mask }
    keys[cell] = id
    slots[cell] = slot
  }

  /// Removes `id` (present), shifting later cells of its probe run back.
  func remove(_ id: UInt64) {
    var hole = home(id)
    while keys[hole] != id { hole = (hole + 1) & mask }
    var cell = (hole + 1) & mask
    while keys[cell] != 0 {
      let wanted = home(keys[cell])
      // The entry may fill the hole unless its home lies cyclically in (hole, cell].
      let stays =
        hole <= cell ? (hole < wanted && wanted <= cell) : (hole < wanted || wanted <= cell)
      if !stays {
        keys[hole] = keys[cell]
        slots[hole] = slots[cell]
        hole = cell
      }
      cell = (cell + 1) & mask
    }
    keys[hole] = 0
    slots[hole] = -1
  }
}
