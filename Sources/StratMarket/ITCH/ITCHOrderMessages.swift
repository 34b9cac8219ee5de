import StratDiagnostics

// Generated from the field table of the NASDAQ TotalView-ITCH 5.0 specification (one struct
// per message type; offsets after the 11-byte header). Section numbers are the spec's.

/// Add Order, no MPID attribution (4.3.1). Type `A`, 36 bytes.
public struct ITCHAddOrder: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Order reference, unique for the day.
  public var orderReferenceNumber: UInt64
  /// B buy, S sell.
  public var buySellIndicator: UInt8
  /// Displayed shares.
  public var shares: UInt32
  /// Symbol.
  public var stock: ITCHSymbol
  /// Limit price.
  public var price: Price

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    orderReferenceNumber: UInt64,
    buySellIndicator: UInt8,
    shares: UInt32,
    stock: ITCHSymbol,
    price: Price
  ) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.buySellIndicator = buySellIndicator
    self.shares = shares
    self.stock = stock
    self.price = price
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
    buySellIndicator = p.u8(19)
    shares = p.u32(20)
    stock = ITCHSymbol(raw: p.u64(24))
    price = p.price4(32)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x41, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(buySellIndicator, at: 19)
    p.store(shares, at: 20)
    p.store(stock.raw, at: 24)
    try p.storePrice4(price, at: 32, field: "price")
  }
}

/// Add Order with MPID attribution (4.3.2). Type `F`, 40 bytes.
public struct ITCHAddOrderMPID: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Order reference, unique for the day.
  public var orderReferenceNumber: UInt64
  /// B buy, S sell.
  public var buySellIndicator: UInt8
  /// Displayed shares.
  public var shares: UInt32
  /// Symbol.
  public var stock: ITCHSymbol
  /// Limit price.
  public var price: Price
  /// MPID of the participant.
  public var attribution: ITCHCode

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    orderReferenceNumber: UInt64,
    buySellIndicator: UInt8,
    shares: UInt32,
    stock: ITCHSymbol,
    price: Price,
    attribution: ITCHCode
  ) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.buySellIndicator = buySellIndicator
    self.shares = shares
    self.stock = stock
    self.price = price
    self.attribution = attribution
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
    buySellIndicator = p.u8(19)
    shares = p.u32(20)
    stock = ITCHSymbol(raw: p.u64(24))
    price = p.price4(32)
    attribution = ITCHCode(raw: p.u32(36))
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x46, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(buySellIndicator, at: 19)
    p.store(shares, at: 20)
    p.store(stock.raw, at: 24)
    try p.storePrice4(price, at: 32, field: "price")
    p.store(attribution.raw, at: 36)
  }
}

/// Order Executed (4.4.1): at the resting order's own price. Type `E`, 31 bytes.
public struct ITCHOrderExecuted: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// The resting order.
  public var orderReferenceNumber: UInt64
  /// Shares executed.
  public var executedShares: UInt32
  /// Match number.
  public var matchNumber: UInt64

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    orderReferenceNumber: UInt64,
    executedShares: UInt32,
    matchNumber: UInt64
  ) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.executedShares = executedShares
    self.matchNumber = matchNumber
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
    executedShares = p.u32(19)
    matchNumber = p.u64(23)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x45, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(executedShares, at: 19)
    p.store(matchNumber, at: 23)
  }
}

/// Order Executed With Price (4.4.2): at a price other than the order's. Type `C`, 36 bytes.
public struct ITCHOrderExecutedWithPrice: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// The resting order.
  public var orderReferenceNumber: UInt64
  /// Shares executed.
  public var executedShares: UInt32
  /// Match number.
  public var matchNumber: UInt64
  /// Y printable, N not (counted elsewhere).
  public var printable: UInt8
  /// Execution price.
  public var executionPrice: Price

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    orderReferenceNumber: UInt64,
    executedShares: UInt32,
    matchNumber: UInt64,
    printable: UInt8,
    executionPrice: Price
  ) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.executedShares = executedShares
    self.matchNumber = matchNumber
    self.printable = printable
    self.executionPrice = executionPrice
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
    executedShares = p.u32(19)
    matchNumber = p.u64(23)
    printable = p.u8(31)
    executionPrice = p.price4(32)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x43, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(executedShares, at: 19)
    p.store(matchNumber, at: 23)
    p.store(printable, at: 31)
    try p.storePrice4(executionPrice, at: 32, field: "executionPrice")
  }
}

/// Order Cancel (4.4.3): part of an order is cancelled. Type `X`, 23 bytes.
public struct ITCHOrderCancel: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// The order.
  public var orderReferenceNumber: UInt64
  /// Shares removed.
  public var cancelledShares: UInt32

  /// Creates the message from its fields.
  public init(header: ITCHHeader, orderReferenceNumber: UInt64, cancelledShares: UInt32) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.cancelledShares = cancelledShares
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
    cancelledShares = p.u32(19)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x58, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(cancelledShares, at: 19)
  }
}

/// Order Delete (4.4.4): the whole rest of an order is cancelled. Type `D`, 19 bytes.
public struct ITCHOrderDelete: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// The order.
  public var orderReferenceNumber: UInt64

  /// Creates the message from its fields.
  public init(header: ITCHHeader, orderReferenceNumber: UInt64) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    orderReferenceNumber = p.u64(11)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x44, header: header)
    p.store(orderReferenceNumber, at: 11)
  }
}

/// Order Replace (4.4.5): cancel and replace with a new reference; priority is lost. Type `U`, 35 bytes.
public struct ITCHOrderReplace: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// The replaced order.
  public var originalOrderReferenceNumber: UInt64
  /// The new order.
  public var newOrderReferenceNumber: UInt64
  /// New displayed shares.
  public var shares: UInt32
  /// New limit price.
  public var price: Price

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    originalOrderReferenceNumber: UInt64,
    newOrderReferenceNumber: UInt64,
    shares: UInt32,
    price: Price
  ) {
    self.header = header
    self.originalOrderReferenceNumber = originalOrderReferenceNumber
    self.newOrderReferenceNumber = newOrderReferenceNumber
    self.shares = shares
    self.price = price
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    originalOrderReferenceNumber = p.u64(11)
    newOrderReferenceNumber = p.u64(19)
    shares = p.u32(27)
    price = p.price4(31)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x55, header: header)
    p.store(originalOrderReferenceNumber, at: 11)
    p.store(newOrderReferenceNumber, at: 19)
    p.store(shares, at: 27)
    try p.storePrice4(price, at: 31, field: "price")
  }
}
