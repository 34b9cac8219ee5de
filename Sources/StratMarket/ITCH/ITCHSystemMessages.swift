import StratDiagnostics

// Generated from the field table of the NASDAQ TotalView-ITCH 5.0 specification (one struct
// per message type; offsets after the 11-byte header). Section numbers are the spec's.

/// System Event (4.1): start/end of messages, system and market hours. Type `S`, 12 bytes.
public struct ITCHSystemEvent: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// O start of messages, S start of system hours, Q start of market hours, M end of market hours, E end of system hours, C end of messages.
  public var eventCode: UInt8

  /// Creates the message from its fields.
  public init(header: ITCHHeader, eventCode: UInt8) {
    self.header = header
    self.eventCode = eventCode
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    eventCode = p.u8(11)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x53, header: header)
    p.store(eventCode, at: 11)
  }
}

/// Stock Directory (4.2.1): one per instrument at the start of the day; binds the locate code to the symbol. Type `R`, 39 bytes.
public struct ITCHStockDirectory: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// Listing market (Q, G, S, N, A, P, Z, V or space).
  public var marketCategory: UInt8
  /// Financial status (D, E, Q, S, G, H, J, K, C, N or space).
  public var financialStatusIndicator: UInt8
  /// Shares in a round lot.
  public var roundLotSize: UInt32
  /// Y if only round lots are accepted.
  public var roundLotsOnly: UInt8
  /// Issue classification (Appendix D).
  public var issueClassification: UInt8
  /// Issue sub-type, two ASCII bytes (Appendix E).
  public var issueSubType: UInt16
  /// P live/production, T test.
  public var authenticity: UInt8
  /// Y restricted, N not, space n/a.
  public var shortSaleThresholdIndicator: UInt8
  /// Y new IPO, N not, space n/a.
  public var ipoFlag: UInt8
  /// 1 tier 1, 2 tier 2, space n/a.
  public var luldReferencePriceTier: UInt8
  /// Y exchange-traded product, N not, space n/a.
  public var etpFlag: UInt8
  /// ETP leverage factor.
  public var etpLeverageFactor: UInt32
  /// Y inverse ETP, N not.
  public var inverseIndicator: UInt8

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    marketCategory: UInt8,
    financialStatusIndicator: UInt8,
    roundLotSize: UInt32,
    roundLotsOnly: UInt8,
    issueClassification: UInt8,
    issueSubType: UInt16,
    authenticity: UInt8,
    shortSaleThresholdIndicator: UInt8,
    ipoFlag: UInt8,
    luldReferencePriceTier: UInt8,
    etpFlag: UInt8,
    etpLeverageFactor: UInt32,
    inverseIndicator: UInt8
  ) {
    self.header = header
    self.stock = stock
    self.marketCategory = marketCategory
    self.financialStatusIndicator = financialStatusIndicator
    self.roundLotSize = roundLotSize
    self.roundLotsOnly = roundLotsOnly
    self.issueClassification = issueClassification
    self.issueSubType = issueSubType
    self.authenticity = authenticity
    self.shortSaleThresholdIndicator = shortSaleThresholdIndicator
    self.ipoFlag = ipoFlag
    self.luldReferencePriceTier = luldReferencePriceTier
    self.etpFlag = etpFlag
    self.etpLeverageFactor = etpLeverageFactor
    self.inverseIndicator = inverseIndicator
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    marketCategory = p.u8(19)
    financialStatusIndicator = p.u8(20)
    roundLotSize = p.u32(21)
    roundLotsOnly = p.u8(25)
    issueClassification = p.u8(26)
    issueSubType = p.u16(27)
    authenticity = p.u8(29)
    shortSaleThresholdIndicator = p.u8(30)
    ipoFlag = p.u8(31)
    luldReferencePriceTier = p.u8(32)
    etpFlag = p.u8(33)
    etpLeverageFactor = p.u32(34)
    inverseIndicator = p.u8(38)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x52, header: header)
    p.store(stock.raw, at: 11)
    p.store(marketCategory, at: 19)
    p.store(financialStatusIndicator, at: 20)
    p.store(roundLotSize, at: 21)
    p.store(roundLotsOnly, at: 25)
    p.store(issueClassification, at: 26)
    p.store(issueSubType, at: 27)
    p.store(authenticity, at: 29)
    p.store(shortSaleThresholdIndicator, at: 30)
    p.store(ipoFlag, at: 31)
    p.store(luldReferencePriceTier, at: 32)
    p.store(etpFlag, at: 33)
    p.store(etpLeverageFactor, at: 34)
    p.store(inverseIndicator, at: 38)
  }
}

/// Stock Trading Action (4.2.2): halt, pause, quotation-only or trading. Type `H`, 25 bytes.
public struct ITCHStockTradingAction: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// H halted, P paused, Q quotation only, T trading.
  public var tradingState: UInt8
  /// Reserved byte.
  public var reserved: UInt8
  /// Trading action reason (Appendix C).
  public var reason: ITCHCode

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    tradingState: UInt8,
    reserved: UInt8,
    reason: ITCHCode
  ) {
    self.header = header
    self.stock = stock
    self.tradingState = tradingState
    self.reserved = reserved
    self.reason = reason
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    tradingState = p.u8(19)
    reserved = p.u8(20)
    reason = ITCHCode(raw: p.u32(21))
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x48, header: header)
    p.store(stock.raw, at: 11)
    p.store(tradingState, at: 19)
    p.store(reserved, at: 20)
    p.store(reason.raw, at: 21)
  }
}

/// Reg SHO Short Sale Price Test Restricted Indicator (4.2.3). Type `Y`, 20 bytes.
public struct ITCHRegSHORestriction: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// 0 no price test, 1 restriction intraday, 2 restriction remains.
  public var regSHOAction: UInt8

  /// Creates the message from its fields.
  public init(header: ITCHHeader, stock: ITCHSymbol, regSHOAction: UInt8) {
    self.header = header
    self.stock = stock
    self.regSHOAction = regSHOAction
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    regSHOAction = p.u8(19)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x59, header: header)
    p.store(stock.raw, at: 11)
    p.store(regSHOAction, at: 19)
  }
}

/// Market Participant Position (4.2.4). Type `L`, 26 bytes.
public struct ITCHMarketParticipantPosition: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Market participant identifier.
  public var mpid: ITCHCode
  /// Symbol.
  public var stock: ITCHSymbol
  /// Y primary market maker, N not.
  public var primaryMarketMaker: UInt8
  /// N, P, S, R or L.
  public var marketMakerMode: UInt8
  /// A, E, W, S or D.
  public var marketParticipantState: UInt8

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    mpid: ITCHCode,
    stock: ITCHSymbol,
    primaryMarketMaker: UInt8,
    marketMakerMode: UInt8,
    marketParticipantState: UInt8
  ) {
    self.header = header
    self.mpid = mpid
    self.stock = stock
    self.primaryMarketMaker = primaryMarketMaker
    self.marketMakerMode = marketMakerMode
    self.marketParticipantState = marketParticipantState
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    mpid = ITCHCode(raw: p.u32(11))
    stock = ITCHSymbol(raw: p.u64(15))
    primaryMarketMaker = p.u8(23)
    marketMakerMode = p.u8(24)
    marketParticipantState = p.u8(25)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x4C, header: header)
    p.store(mpid.raw, at: 11)
    p.store(stock.raw, at: 15)
    p.store(primaryMarketMaker, at: 23)
    p.store(marketMakerMode, at: 24)
    p.store(marketParticipantState, at: 25)
  }
}

/// Market-Wide Circuit Breaker Decline Level (4.2.5.1); prices are Price(8). Type `V`, 35 bytes.
public struct ITCHMWCBDeclineLevel: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Level 1 (Price(8)).
  public var level1: Price
  /// Level 2 (Price(8)).
  public var level2: Price
  /// Level 3 (Price(8)).
  public var level3: Price

  /// Creates the message from its fields.
  public init(header: ITCHHeader, level1: Price, level2: Price, level3: Price) {
    self.header = header
    self.level1 = level1
    self.level2 = level2
    self.level3 = level3
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    level1 = p.price8(11)
    level2 = p.price8(19)
    level3 = p.price8(27)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x56, header: header)
    p.storePrice8(level1, at: 11)
    p.storePrice8(level2, at: 19)
    p.storePrice8(level3, at: 27)
  }
}

/// Market-Wide Circuit Breaker Status (4.2.5.2): a level was breached. Type `W`, 12 bytes.
public struct ITCHMWCBStatus: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// 1, 2 or 3.
  public var breachedLevel: UInt8

  /// Creates the message from its fields.
  public init(header: ITCHHeader, breachedLevel: UInt8) {
    self.header = header
    self.breachedLevel = breachedLevel
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    breachedLevel = p.u8(11)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x57, header: header)
    p.store(breachedLevel, at: 11)
  }
}

/// IPO Quoting Period Update (4.2.6). Type `K`, 28 bytes.
public struct ITCHIPOQuotingPeriodUpdate: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// Seconds since midnight.
  public var ipoQuotationReleaseTime: UInt32
  /// A anticipated, C cancelled or postponed.
  public var ipoQuotationReleaseQualifier: UInt8
  /// IPO price.
  public var ipoPrice: Price

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    ipoQuotationReleaseTime: UInt32,
    ipoQuotationReleaseQualifier: UInt8,
    ipoPrice: Price
  ) {
    self.header = header
    self.stock = stock
    self.ipoQuotationReleaseTime = ipoQuotationReleaseTime
    self.ipoQuotationReleaseQualifier = ipoQuotationReleaseQualifier
    self.ipoPrice = ipoPrice
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    ipoQuotationReleaseTime = p.u32(19)
    ipoQuotationReleaseQualifier = p.u8(23)
    ipoPrice = p.price4(24)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x4B, header: header)
    p.store(stock.raw, at: 11)
    p.store(ipoQuotationReleaseTime, at: 19)
    p.store(ipoQuotationReleaseQualifier, at: 23)
    try p.storePrice4(ipoPrice, at: 24, field: "ipoPrice")
  }
}

/// Limit Up-Limit Down Auction Collar (4.2.7); prices are Price(4) as the spec says. Type `J`, 35 bytes.
public struct ITCHLULDAuctionCollar: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// Reference price.
  public var auctionCollarReferencePrice: Price
  /// Upper collar.
  public var upperAuctionCollarPrice: Price
  /// Lower collar.
  public var lowerAuctionCollarPrice: Price
  /// Number of extensions.
  public var auctionCollarExtension: UInt32

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    auctionCollarReferencePrice: Price,
    upperAuctionCollarPrice: Price,
    lowerAuctionCollarPrice: Price,
    auctionCollarExtension: UInt32
  ) {
    self.header = header
    self.stock = stock
    self.auctionCollarReferencePrice = auctionCollarReferencePrice
    self.upperAuctionCollarPrice = upperAuctionCollarPrice
    self.lowerAuctionCollarPrice = lowerAuctionCollarPrice
    self.auctionCollarExtension = auctionCollarExtension
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    auctionCollarReferencePrice = p.price4(19)
    upperAuctionCollarPrice = p.price4(23)
    lowerAuctionCollarPrice = p.price4(27)
    auctionCollarExtension = p.u32(31)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x4A, header: header)
    p.store(stock.raw, at: 11)
    try p.storePrice4(auctionCollarReferencePrice, at: 19, field: "auctionCollarReferencePrice")
    try p.storePrice4(upperAuctionCollarPrice, at: 23, field: "upperAuctionCollarPrice")
    try p.storePrice4(lowerAuctionCollarPrice, at: 27, field: "lowerAuctionCollarPrice")
    p.store(auctionCollarExtension, at: 31)
  }
}

/// Operational Halt (4.2.8). Type `h`, 21 bytes.
public struct ITCHOperationalHalt: Sendable, Hashable {
  /// Locate, tracking number and timestamp.
  public var header: ITCHHeader
  /// Symbol.
  public var stock: ITCHSymbol
  /// Q Nasdaq, B BX, X PSX.
  public var marketCode: UInt8
  /// H halted, T resumed.
  public var operationalHaltAction: UInt8

  /// Creates the message from its fields.
  public init(
    header: ITCHHeader,
    stock: ITCHSymbol,
    marketCode: UInt8,
    operationalHaltAction: UInt8
  ) {
    self.header = header
    self.stock = stock
    self.marketCode = marketCode
    self.operationalHaltAction = operationalHaltAction
  }

  /// Reads the fields of a message whose length has been checked.
  @inlinable
  public init(wire p: ITCHWire) {
    header = p.header
    stock = ITCHSymbol(raw: p.u64(11))
    marketCode = p.u8(19)
    operationalHaltAction = p.u8(20)
  }

  /// Writes the message (type byte first) into `p`, which has room for it.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    try p.store(type: 0x68, header: header)
    p.store(stock.raw, at: 11)
    p.store(marketCode, at: 19)
    p.store(operationalHaltAction, at: 20)
  }
}
