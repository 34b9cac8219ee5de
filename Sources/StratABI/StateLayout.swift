/// The byte layout of a strategy's state record, the one definition every executor reads (the
/// interpreter, the LLVM writer, the HLS emitter): where each slot lives and where each field
/// of a slot lives. The buffer arithmetic over these fields is `StratIR/WindowSemantics.md`.
///
/// Slots follow each other in declaration order with no padding; every field is one 8-byte
/// word (an f64 bit pattern, a two's-complement i64, or a bool as 0/1), so every offset is a
/// multiple of 8.
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
public struct StateLayout: Sendable, Equatable {
  /// Each slot's shape, in declaration order.
  public let shapes: [SlotShape]
  /// Byte offset of each slot from the record's start, indexed like `shapes`.
  public let offsets: [Int]
  /// Bytes of the whole record.
  public let byteCount: Int

  /// Lays the slots out back to back. Does not check the limits: see `refusal`.
  public init(shapes: [SlotShape]) {
    var offsets: [Int] = []
    var offset = 0
    for shape in shapes {
      offsets.append(offset)
      offset += shape.byteCount
    }
    self.shapes = shapes
    self.offsets = offsets
    self.byteCount = offset
  }

  /// The first limit the layout breaks, or nil when every executor can hold it.
  public var refusal: StateLayoutRefusal? {
    for (index, shape) in shapes.enumerated() {
      if let n = shape.capacity, n < 1 || n > Self.maxCapacity {
        return .capacity(slot: index, capacity: n)
      }
    }
    return byteCount > Self.maxByteCount ? .byteCount(byteCount) : nil
  }

  /// Byte offset from the record's start of `field` of slot `slot`; nil when it has none.
  public func offset(ofSlot slot: Int, field: SlotField) -> Int? {
    shapes[slot].offset(of: field).map { offsets[slot] + $0 }
  }

  /// The largest state record accepted (1 GiB).
  public static let maxByteCount = 1 << 30

  /// The largest buffer capacity accepted, so that every offset fits comfortably in an Int32.
  public static let maxCapacity = 1 << 24

  /// Bytes of one field.
  @inlinable public static var wordBytes: Int { 8 }
}

/// Why a layout cannot be held.
public enum StateLayoutRefusal: Sendable, Equatable {
  /// A buffer's capacity is outside 1...maxCapacity.
  case capacity(slot: Int, capacity: Int)
  /// The record is larger than maxByteCount.
  case byteCount(Int)
}

/// What a slot is, as far as the layout is concerned (StratIR's `SlotKind` without types).
public enum SlotShape: Sendable, Equatable, Hashable {
  case scalar
  case ring(Int)
  case window(Int)
  case pairWindow(Int)
  case ema(Int)

  /// The values a buffer holds (an ema's period), or nil for a scalar.
  public var capacity: Int? {
    switch self {
    case .scalar: nil
    case .ring(let n), .window(let n), .pairWindow(let n), .ema(let n): n
    }
  }

  /// Bytes the slot occupies.
  public var byteCount: Int {
    switch self {
    case .scalar: StateLayout.wordBytes
    case .ring(let n): RingFields.header(capacity: n) + RingFields.ringHeaderBytes
    case .window(let n): RingFields.header(capacity: n) + RingFields.windowHeaderBytes
    case .pairWindow(let n): PairFields.header(capacity: n) + PairFields.headerBytes
    case .ema: EMAFields.bytes
    }
  }

  /// Byte offset of `field` from the slot's start; nil when the slot has no such field.
  public func offset(of field: SlotField) -> Int? {
    switch (self, field) {
    case (.scalar, .value): 0
    case (.ring, .values), (.window, .values): 0
    case (.ring(let n), .head), (.window(let n), .head): RingFields.header(capacity: n) + RingFields.head
    case (.ring(let n), .count), (.window(let n), .count): RingFields.header(capacity: n) + RingFields.count
    case (.window(let n), _): RingFields.offset(field).map { RingFields.header(capacity: n) + $0 }
    case (.pairWindow, .xs): 0
    case (.pairWindow(let n), .ys): PairFields.ys(capacity: n)
    case (.pairWindow(let n), _): PairFields.offset(field).map { PairFields.header(capacity: n) + $0 }
    case (.ema, .value): EMAFields.value
    case (.ema, .count): EMAFields.count
    default: nil
    }
  }
}

/// The named fields of a slot.
public enum SlotField: Sendable, CaseIterable {
  case value, values, xs, ys, head, count, shift, sum, sumsq, shiftx, shifty, sx, sy, sxx, syy, sxy
}

/// A ring N or window N: `values[N]`, then the header `head, count` (ring) and, for a window,
/// `shift, sum, sumsq`. Header offsets count from `header(capacity:)`, for code that takes the
/// capacity at run time.
public enum RingFields {
  @inlinable public static func header(capacity: Int) -> Int { capacity &* valueStride }
  /// Bytes per held value.
  @inlinable public static var valueStride: Int { 8 }
  @inlinable public static var head: Int { 0 }
  @inlinable public static var count: Int { 8 }
  @inlinable public static var shift: Int { 16 }
  @inlinable public static var sum: Int { 24 }
  @inlinable public static var sumsq: Int { 32 }
  /// Header bytes of a ring and of a window.
  public static let ringHeaderBytes = 16
  public static let windowHeaderBytes = 40

  static func offset(_ field: SlotField) -> Int? {
    switch field {
    case .head: head
    case .count: count
    case .shift: shift
    case .sum: sum
    case .sumsq: sumsq
    default: nil
    }
  }
}

/// A pairWindow N: `xs[N], ys[N]`, then the header `head, count, shiftx, shifty, sx, sy, sxx,
/// syy, sxy`. Header offsets count from `header(capacity:)`.
public enum PairFields {
  @inlinable public static func header(capacity: Int) -> Int { capacity &* pairStride }
  /// Bytes per held pair (one x and one y).
  @inlinable public static var pairStride: Int { 16 }
  /// Byte offset of `ys[0]` from the slot's start.
  @inlinable public static func ys(capacity: Int) -> Int { capacity &* 8 }
  @inlinable public static var head: Int { 0 }
  @inlinable public static var count: Int { 8 }
  @inlinable public static var shiftx: Int { 16 }
  @inlinable public static var shifty: Int { 24 }
  @inlinable public static var sx: Int { 32 }
  @inlinable public static var sy: Int { 40 }
  @inlinable public static var sxx: Int { 48 }
  @inlinable public static var syy: Int { 56 }
  @inlinable public static var sxy: Int { 64 }
  public static let headerBytes = 72

  static func offset(_ field: SlotField) -> Int? {
    switch field {
    case .head: head
    case .count: count
    case .shiftx: shiftx
    case .shifty: shifty
    case .sx: sx
    case .sy: sy
    case .sxx: sxx
    case .syy: syy
    case .sxy: sxy
    default: nil
    }
  }
}

/// An ema N: `value, count`.
public enum EMAFields {
  @inlinable public static var value: Int { 0 }
  @inlinable public static var count: Int { 8 }
  public static let bytes = 16
}
