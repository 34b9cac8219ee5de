extension TickFile {
  /// Calls `body` with every row of an `orders` file as an `OrderEvent`, in file order; does
  /// nothing for other kinds. No allocation: the event is built in registers from the columns.
  @inlinable
  public func forEachOrderEvent<E: Error>(_ body: (OrderEvent) throws(E) -> Void) throws(E) {
    var cursor = orderEvents()
    while let event = cursor.next() { try body(event) }
  }

  /// A cursor over the rows of an `orders` file (empty for other kinds).
  public func orderEvents() -> TickOrderEventCursor {
    guard header.kind == .orders else { return TickOrderEventCursor(file: self, count: 0) }
    return TickOrderEventCursor(file: self, count: rowCount)
  }
}

/// Reads the rows of an `orders` tick file as `OrderEvent`s, one at a time, straight from the
/// mapped columns. Keeps its file alive.
public struct TickOrderEventCursor {
  @usableFromInline let file: TickFile
  @usableFromInline let time, price, quantity: UnsafePointer<Int64>?
  @usableFromInline let orderID, newOrderID: UnsafePointer<UInt64>?
  @usableFromInline let kind, side: UnsafePointer<UInt8>?
  @usableFromInline let instrument: UnsafePointer<UInt32>?
  @usableFromInline let count: Int
  @usableFromInline var index = 0

  init(file: TickFile, count: Int) {
    self.file = file
    self.count = count
    time = file.int64(.time).baseAddress
    price = file.int64(.price).baseAddress
    quantity = file.int64(.quantity).baseAddress
    orderID = file.uint64(.orderID).baseAddress
    newOrderID = file.uint64(.newOrderID).baseAddress
    kind = file.uint8(.kind).baseAddress
    side = file.uint8(.side).baseAddress
    instrument = file.uint32(.instrument).baseAddress
  }

  /// Rows not yet returned.
  @inlinable public var remaining: Int { count - index }

  /// Returns the next event, or nil at the end. A kind or side byte this version does not know
  /// is returned as `.tradingState`/`.buy` only if the file is corrupt in a way its checksum did
  /// not catch (checksums off); it never traps.
  @inlinable
  public mutating func next() -> OrderEvent? {
    guard index < count, let time, let price, let quantity, let orderID, let newOrderID, let kind,
      let side, let instrument
    else { return nil }
    let i = index
    index = i + 1
    return OrderEvent(
      timeNanos: Int64(littleEndian: time[i]),
      kind: OrderEvent.Kind(rawValue: kind[i]) ?? .tradingState,
      side: side[i] == 0 ? .buy : .sell,
      orderID: UInt64(littleEndian: orderID[i]), newOrderID: UInt64(littleEndian: newOrderID[i]),
      price: Int64(littleEndian: price[i]), quantity: Int64(littleEndian: quantity[i]),
      instrument: UInt32(littleEndian: instrument[i]))
  }
}
