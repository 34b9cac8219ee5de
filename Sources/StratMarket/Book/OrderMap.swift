/// Resting orders by order id: an open-addressing hash table with linear probing and
/// backward-shift deletion (no tombstones), so that a day of adds and deletes neither slows
/// lookups nor allocates per message. The table doubles at half full.
///
/// A value holding raw memory that its owner frees with `deallocate()`: kept inside one book's
/// state, never copied out, so that applying a message needs no reference counting.
@usableFromInline
struct OrderMap {
  /// One resting order. `used` marks an occupied slot (order ids may be any value, even 0).
  @usableFromInline
  struct Entry {
    @usableFromInline var id: UInt64
    @usableFromInline var price: Int64
    @usableFromInline var quantity: Int64
    @usableFromInline var instrument: UInt32
    @usableFromInline var side: Side
    @usableFromInline var used: Bool

    @usableFromInline
    init(id: UInt64, price: Int64, quantity: Int64, instrument: UInt32, side: Side, used: Bool) {
      self.id = id
      self.price = price
      self.quantity = quantity
      self.instrument = instrument
      self.side = side
      self.used = used
    }
  }

  @usableFromInline var entries: UnsafeMutablePointer<Entry>
  @usableFromInline var mask: Int
  @usableFromInline var shift: UInt64
  /// Number of resting orders.
  @usableFromInline var count = 0

  @usableFromInline
  init(capacity: Int = 1 << 12) {
    var size = 16
    while size < min(capacity, 1 << 40) * 2 { size <<= 1 }
    entries = Self.allocate(size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  /// Frees the table; the map must not be used afterwards.
  func deallocate() { entries.deallocate() }

  private static func allocate(_ size: Int) -> UnsafeMutablePointer<Entry> {
    let p = UnsafeMutablePointer<Entry>.allocate(capacity: size)
    p.initialize(
      repeating: Entry(id: 0, price: 0, quantity: 0, instrument: 0, side: .buy, used: false),
      count: size
    )
    return p
  }

  /// The home slot of `id` (Fibonacci hashing: sequential ids spread evenly).
  @inlinable @inline(__always)
  func home(_ id: UInt64) -> Int {
    Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The slot holding `id`, or -1.
  @inlinable @inline(__always)
  func find(_ id: UInt64) -> Int {
    var i = home(id)
    while entries[i].used {
      if entries[i].id == id { return i }
      i = (i &+ 1) & mask
    }
    return -1
  }

  /// Inserts a new order; returns false (and changes nothing) when `id` is already resting.
  @inlinable
  mutating func insert(id: UInt64, price: Int64, quantity: Int64, instrument: UInt32, side: Side)
    -> Bool
  {
    if (count + 1) * 2 > mask + 1 { grow() }
    var i = home(id)
    while entries[i].used {
      if entries[i].id == id { return false }
      i = (i &+ 1) & mask
    }
    entries[i] = Entry(
      id: id,
      price: price,
      quantity: quantity,
      instrument: instrument,
      side: side,
      used: true
    )
    count += 1
    return true
  }

  /// Removes the order in `slot`, shifting later entries of its probe run back so that every
  /// entry stays reachable from its home slot.
  @inlinable
  mutating func remove(slot: Int) {
    var hole = slot
    var j = slot
    while true {
      j = (j &+ 1) & mask
      guard entries[j].used else { break }
      let k = home(entries[j].id)
      // Entry j may move into the hole only if its home is not cyclically in (hole, j].
      let stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j)
      if stays { continue }
      entries[hole] = entries[j]
      hole = j
    }
    entries[hole].used = false
    count -= 1
  }

  @usableFromInline
  mutating func grow() {
    let oldSize = mask + 1
    let old = entries
    let size = oldSize * 2
    entries = Self.allocate(size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    count = 0
    for i in 0..<oldSize where old[i].used {
      let e = old[i]
      _ = insert(
        id: e.id,
        price: e.price,
        quantity: e.quantity,
        instrument: e.instrument,
        side: e.side
      )
    }
    old.deallocate()
  }

  /// Removes every order.
  mutating func removeAll() {
    for i in 0...mask { entries[i].used = false }
    count = 0
  }
}
