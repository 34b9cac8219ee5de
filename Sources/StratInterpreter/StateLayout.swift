import StratIR

/// The byte layout of the state record: where each slot lives and what it holds after a reset.
///
/// Slots follow each other in declaration order with no padding; every field is 8 bytes
/// (an f64 bit pattern, a two's-complement i64, or a bool as 0/1), so every offset is a
/// multiple of 8 and the record is exactly `IRModule.stateBytes` long (`SlotKind.byteSize`).
/// Buffer arithmetic follows `StratIR/WindowSemantics.md`.
///
/// ```
/// scalar        [value]                                       8
/// ring N        [values: f64 × N][head: i64][count: i64]      8N + 16
/// window N      [values: f64 × N][head][count]                8N + 40
///               [shift: f64][sum: f64][sumsq: f64]
/// pairWindow N  [xs: f64 × N][ys: f64 × N][head][count]       16N + 72
///               [shiftx][shifty][sx][sy][sxx][syy][sxy]      (all f64)
/// ema N         [value: f64][count: i64]                      16
/// ```
/// A ring and a window share their first `8N + 16` bytes, so lag and count read both alike.
struct StateLayout {
  /// Byte offset of each slot, indexed like `IRModule.slots`.
  let offsets: [Int]
  /// Bytes of the whole record.
  let byteCount: Int
  /// Each scalar slot's offset and the bit pattern of its initial constant.
  let scalarInitials: [(offset: Int, bits: UInt64)]

  /// Lays out `slots`, or throws when a slot cannot be laid out.
  init(slots: [Slot]) throws(InterpreterError) {
    var offsets: [Int] = []
    var initials: [(offset: Int, bits: UInt64)] = []
    var offset = 0
    for (index, slot) in slots.enumerated() {
      switch slot.kind {
      case .scalar(let type, let initial):
        guard initial.type == type else {
          throw .initialValueMismatch(slot: index, expected: type, found: initial.type)
        }
        initials.append((offset, initial.canonicalBits))
      case .ring(let n), .window(let n), .pairWindow(let n), .ema(let n):
        guard n >= 1, n <= StateLayout.maxCapacity else {
          throw .invalidCapacity(slot: index, capacity: n)
        }
      }
      offsets.append(offset)
      offset += slot.kind.byteSize
    }
    guard offset <= StateLayout.maxByteCount else {
      throw .tooLarge(what: "state bytes", count: offset, limit: StateLayout.maxByteCount)
    }
    self.offsets = offsets
    self.byteCount = offset
    self.scalarInitials = initials
  }

  /// The largest state record accepted (1 GiB).
  static let maxByteCount = 1 << 30

  /// The largest buffer capacity accepted, so that every offset fits comfortably in an Int32.
  static let maxCapacity = 1 << 24

  /// Byte offset, from the slot's start, of the `count` field of a buffer slot.
  static func countOffset(of kind: SlotKind) -> Int? {
    switch kind {
    case .scalar: nil
    case .ring(let n), .window(let n): 8 * n + 8
    case .pairWindow(let n): 16 * n + 8
    case .ema: 8
    }
  }
}

