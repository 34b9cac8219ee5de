import StratDiagnostics

// Generated from the field table of the NASDAQ TotalView-ITCH 5.0 specification (one struct
// per message type; offsets after the 11-byte header). Section numbers are the spec's.

/// Trade, non-cross (4.5.1): an execution against a non-displayed order. Type `P`, 44 bytes.
public struct ITCHTrade: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Order reference (0 in practice).
  public var orderReferenceNumber: UInt64
  /// B or S (B in practice since 2014).
  public var buySellIndicator: UInt8
  /// Shares traded.
  public var shares: UInt32
  /// Symbol.
  public var stock: ITCHSymbol
  /// Trade price.
  public var price: Price
  /// Match number.
  public var matchNumber: UInt64

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    orderReferenceNumber: UInt64,
    buySellIndicator: UInt8,
    shares: UInt32,
    stock: ITCHSymbol,
    price: Price,
    matchNumber: UInt64
  ) {
    self.header = header
    self.orderReferenceNumber = orderReferenceNumber
    self.buySellIndicator = buySellIndicator
    self.shares = shares
    self.stock = stock
    self.price = price
    self.matchNumber = matchNumber
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
    matchNumber = p.u64(36)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x50, header: header)
    p.store(orderReferenceNumber, at: 11)
    p.store(buySellIndicator, at: 19)
    p.store(shares, at: 20)
    p.store(stock.raw, at: 24)
    try p.storePrice4(price, at: 32, field: "price")
    p.store(matchNumber, at: 36)
  }
}

/// Cross Trade (4.5.2): the bulk print of an opening, closing or halt cross. Type `Q`, 40 bytes.
public struct ITCHCrossTrade: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Shares matched in the cross.
  public var shares: UInt64
  /// Symbol.
  public var stock: ITCHSymbol
  /// Cross price.
  public var crossPrice: Price
  /// Match number.
  public var matchNumber: UInt64
  /// O opening, C closing, H halt/IPO.
  public var crossType: UInt8

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    shares: UInt64,
    stock: ITCHSymbol,
    crossPrice: Price,
    matchNumber: UInt64,
    crossType: UInt8
  ) {
    self.header = header
    self.shares = shares
    self.stock = stock
    self.crossPrice = crossPrice
    self.matchNumber = matchNumber
    self.crossType = crossType
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    shares = p.u64(11)
    stock = ITCHSymbol(raw: p.u64(19))
    crossPrice = p.price4(27)
    matchNumber = p.u64(31)
    crossType = p.u8(39)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x51, header: header)
    p.store(shares, at: 11)
    p.store(stock.raw, at: 19)
    try p.storePrice4(crossPrice, at: 27, field: "crossPrice")
    p.store(matchNumber, at: 31)
    p.store(crossType, at: 39)
  }
}

/// Broken Trade / Order Execution (4.5.3): an earlier execution was broken. Type `B`, 19 bytes.
public struct ITCHBrokenTrade: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Match number of the broken execution.
  public var matchNumber: UInt64

  /// Creates the message from its fields.
  public init(header: ITCHHeader, matchNumber: UInt64) {
    self.header = header
    self.matchNumber = matchNumber
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    matchNumber = p.u64(11)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x42, header: header)
    p.store(matchNumber, at: 11)
  }
}

/// Net Order Imbalance Indicator (4.6). Type `I`, 50 bytes.
public struct ITCHNOII: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Paired shares.
  public var pairedShares: UInt64
  /// Imbalance shares.
  public var imbalanceShares: UInt64
  /// B, S, N, O or P.
  public var imbalanceDirection: UInt8
  /// Symbol.
  public var stock: ITCHSymbol
  /// Far indicative price.
  public var farPrice: Price
  /// Near indicative price.
  public var nearPrice: Price
  /// Current reference price.
  public var currentReferencePrice: Price
  /// O, C, H or A.
  public var crossType: UInt8
  /// L, 1-9, A, B, C or space.
  public var priceVariationIndicator: UInt8

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    pairedShares: UInt64,
    imbalanceShares: UInt64,
    imbalanceDirection: UInt8,
    stock: ITCHSymbol,
    farPrice: Price,
    nearPrice: Price,
    currentReferencePrice: Price,
    crossType: UInt8,
    priceVariationIndicator: UInt8
  ) {
    self.header = header
    self.pairedShares = pairedShares
    self.imbalanceShares = imbalanceShares
    self.imbalanceDirection = imbalanceDirection
    self.stock = stock
    self.farPrice = farPrice
    self.nearPrice = nearPrice
    self.currentReferencePrice = currentReferencePrice
    self.crossType = crossType
    self.priceVariationIndicator = priceVariationIndicator
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    pairedShares = p.u64(11)
    imbalanceShares = p.u64(19)
    imbalanceDirection = p.u8(27)
    stock = ITCHSymbol(raw: p.u64(28))
    farPrice = p.price4(36)
    nearPrice = p.price4(40)
    currentReferencePrice = p.price4(44)
    crossType = p.u8(48)
    priceVariationIndicator = p.u8(49)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x49, header: header)
    p.store(pairedShares, at: 11)
    p.store(imbalanceShares, at: 19)
    p.store(imbalanceDirection, at: 27)
    p.store(stock.raw, at: 28)
    try p.storePrice4(farPrice, at: 36, field: "farPrice")
    try p.storePrice4(nearPrice, at: 40, field: "nearPrice")
    try p.storePrice4(currentReferencePrice, at: 44, field: "currentReferencePrice")
    p.store(crossType, at: 48)
    p.store(priceVariationIndicator, at: 49)
  }
}

/// Retail Price Improvement Indicator (4.7). Type `N`, 20 bytes.
public struct ITCHRPII: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// B, S, A or N.
  public var interestFlag: UInt8

  /// Creates the message from its fields.
  public init(header: ITCHHeader, stock: ITCHSymbol, interestFlag: UInt8) {
    self.header = header
    self.stock = stock
    self.interestFlag = interestFlag
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    interestFlag = p.u8(19)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x4E, header: header)
    p.store(stock.raw, at: 11)
    p.store(interestFlag, at: 19)
  }
}

/// Direct Listing with Capital Raise Price Discovery (4.8). Type `O`, 48 bytes.
public struct ITCHDLCRPriceDiscovery: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// N not eligible, Y eligible.
  public var openEligibilityStatus: UInt8
  /// Minimum allowable price.
  public var minimumAllowablePrice: Price
  /// Maximum allowable price.
  public var maximumAllowablePrice: Price
  /// Near execution price.
  public var nearExecutionPrice: Price
  /// Time the near execution price was set.
  public var nearExecutionTime: UInt64
  /// Lower price range collar.
  public var lowerPriceRangeCollar: Price
  /// Upper price range collar.
  public var upperPriceRangeCollar: Price

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    openEligibilityStatus: UInt8,
    minimumAllowablePrice: Price,
    maximumAllowablePrice: Price,
    nearExecutionPrice: Price,
    nearExecutionTime: UInt64,
    lowerPriceRangeCollar: Price,
    upperPriceRangeCollar: Price
  ) {
    self.header = header
    self.stock = stock
    self.openEligibilityStatus = openEligibilityStatus
    self.minimumAllowablePrice = minimumAllowablePrice
    self.maximumAllowablePrice = maximumAllowablePrice
    self.nearExecutionPrice = nearExecutionPrice
    self.nearExecutionTime = nearExecutionTime
    self.lowerPriceRangeCollar = lowerPriceRangeCollar
    self.upperPriceRangeCollar = upperPriceRangeCollar
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    openEligibilityStatus = p.u8(19)
    minimumAllowablePrice = p.price4(20)
    maximumAllowablePrice = p.price4(24)
    nearExecutionPrice = p.price4(28)
    nearExecutionTime = p.u64(32)
    lowerPriceRangeCollar = p.price4(40)
    upperPriceRangeCollar = p.price4(44)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x4F, header: header)
    p.store(stock.raw, at: 11)
    p.store(openEligibilityStatus, at: 19)
    try p.storePrice4(minimumAllowablePrice, at: 20, field: "minimumAllowablePrice")
    try p.storePrice4(maximumAllowablePrice, at: 24, field: "maximumAllowablePrice")
    try p.storePrice4(nearExecutionPrice, at: 28, field: "nearExecutionPrice")
    p.store(nearExecutionTime, at: 32)
    try p.storePrice4(lowerPriceRangeCollar, at: 40, field: "lowerPriceRangeCollar")
    try p.storePrice4(upperPriceRangeCollar, at: 44, field: "upperPriceRangeCollar")
  }
}
