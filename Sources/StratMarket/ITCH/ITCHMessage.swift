import StratDiagnostics

/// One decoded NASDAQ TotalView-ITCH 5.0 message.
///
/// An enum with one struct per message type rather than one compact struct with a kind: every
/// field keeps its name and wire width, `==` compares exactly what was on the wire (so
/// decode(encode(m)) == m is a meaningful test), and Swift stores the enum inline (no
/// allocation; the largest payload is 50 bytes). The hot path does not build this enum at all:
/// it reads fields in place through `ITCHWire`.
public enum ITCHMessage: Sendable, Hashable {
  /// `S`: System Event.
  case systemEvent(ITCHSystemEvent)
  /// `R`: Stock Directory.
  case stockDirectory(ITCHStockDirectory)
  /// `H`: Stock Trading Action.
  case stockTradingAction(ITCHStockTradingAction)
  /// `Y`: Reg SHO Short Sale Price Test Restricted Indicator.
  case regSHORestriction(ITCHRegSHORestriction)
  /// `L`: Market Participant Position.
  case marketParticipantPosition(ITCHMarketParticipantPosition)
  /// `V`: Market-Wide Circuit Breaker Decline Level.
  case mwcbDeclineLevel(ITCHMWCBDeclineLevel)
  /// `W`: Market-Wide Circuit Breaker Status.
  case mwcbStatus(ITCHMWCBStatus)
  /// `K`: IPO Quoting Period Update.
  case ipoQuotingPeriodUpdate(ITCHIPOQuotingPeriodUpdate)
  /// `J`: Limit Up-Limit Down Auction Collar.
  case luldAuctionCollar(ITCHLULDAuctionCollar)
  /// `h`: Operational Halt.
  case operationalHalt(ITCHOperationalHalt)
  /// `A`: Add Order, no MPID attribution.
  case addOrder(ITCHAddOrder)
  /// `F`: Add Order with MPID attribution.
  case addOrderMPID(ITCHAddOrderMPID)
  /// `E`: Order Executed.
  case orderExecuted(ITCHOrderExecuted)
  /// `C`: Order Executed With Price.
  case orderExecutedWithPrice(ITCHOrderExecutedWithPrice)
  /// `X`: Order Cancel.
  case orderCancel(ITCHOrderCancel)
  /// `D`: Order Delete.
  case orderDelete(ITCHOrderDelete)
  /// `U`: Order Replace.
  case orderReplace(ITCHOrderReplace)
  /// `P`: Trade, non-cross.
  case trade(ITCHTrade)
  /// `Q`: Cross Trade.
  case crossTrade(ITCHCrossTrade)
  /// `B`: Broken Trade / Order Execution.
  case brokenTrade(ITCHBrokenTrade)
  /// `I`: Net Order Imbalance Indicator.
  case noii(ITCHNOII)
  /// `N`: Retail Price Improvement Indicator.
  case rpii(ITCHRPII)
  /// `O`: Direct Listing with Capital Raise Price Discovery.
  case dlcrPriceDiscovery(ITCHDLCRPriceDiscovery)

  /// Decodes the message at `p`, whose length has been checked against `ITCHMessageType`;
  /// nil for an unknown type.
  @inlinable
  public init?(wire p: ITCHWire) {
    switch p.type {
    case 0x53: self = .systemEvent(ITCHSystemEvent(wire: p))
    case 0x52: self = .stockDirectory(ITCHStockDirectory(wire: p))
    case 0x48: self = .stockTradingAction(ITCHStockTradingAction(wire: p))
    case 0x59: self = .regSHORestriction(ITCHRegSHORestriction(wire: p))
    case 0x4C: self = .marketParticipantPosition(ITCHMarketParticipantPosition(wire: p))
    case 0x56: self = .mwcbDeclineLevel(ITCHMWCBDeclineLevel(wire: p))
    case 0x57: self = .mwcbStatus(ITCHMWCBStatus(wire: p))
    case 0x4B: self = .ipoQuotingPeriodUpdate(ITCHIPOQuotingPeriodUpdate(wire: p))
    case 0x4A: self = .luldAuctionCollar(ITCHLULDAuctionCollar(wire: p))
    case 0x68: self = .operationalHalt(ITCHOperationalHalt(wire: p))
    case 0x41: self = .addOrder(ITCHAddOrder(wire: p))
    case 0x46: self = .addOrderMPID(ITCHAddOrderMPID(wire: p))
    case 0x45: self = .orderExecuted(ITCHOrderExecuted(wire: p))
    case 0x43: self = .orderExecutedWithPrice(ITCHOrderExecutedWithPrice(wire: p))
    case 0x58: self = .orderCancel(ITCHOrderCancel(wire: p))
    case 0x44: self = .orderDelete(ITCHOrderDelete(wire: p))
    case 0x55: self = .orderReplace(ITCHOrderReplace(wire: p))
    case 0x50: self = .trade(ITCHTrade(wire: p))
    case 0x51: self = .crossTrade(ITCHCrossTrade(wire: p))
    case 0x42: self = .brokenTrade(ITCHBrokenTrade(wire: p))
    case 0x49: self = .noii(ITCHNOII(wire: p))
    case 0x4E: self = .rpii(ITCHRPII(wire: p))
    case 0x4F: self = .dlcrPriceDiscovery(ITCHDLCRPriceDiscovery(wire: p))
    default: return nil
    }
  }

  /// The header common to every message.
  public var header: ITCHHeader {
    switch self {
    case .systemEvent(let m): m.header
    case .stockDirectory(let m): m.header
    case .stockTradingAction(let m): m.header
    case .regSHORestriction(let m): m.header
    case .marketParticipantPosition(let m): m.header
    case .mwcbDeclineLevel(let m): m.header
    case .mwcbStatus(let m): m.header
    case .ipoQuotingPeriodUpdate(let m): m.header
    case .luldAuctionCollar(let m): m.header
    case .operationalHalt(let m): m.header
    case .addOrder(let m): m.header
    case .addOrderMPID(let m): m.header
    case .orderExecuted(let m): m.header
    case .orderExecutedWithPrice(let m): m.header
    case .orderCancel(let m): m.header
    case .orderDelete(let m): m.header
    case .orderReplace(let m): m.header
    case .trade(let m): m.header
    case .crossTrade(let m): m.header
    case .brokenTrade(let m): m.header
    case .noii(let m): m.header
    case .rpii(let m): m.header
    case .dlcrPriceDiscovery(let m): m.header
    }
  }

  /// The type byte (`A`, `E`, …).
  public var typeCode: UInt8 {
    switch self {
    case .systemEvent: 0x53
    case .stockDirectory: 0x52
    case .stockTradingAction: 0x48
    case .regSHORestriction: 0x59
    case .marketParticipantPosition: 0x4C
    case .mwcbDeclineLevel: 0x56
    case .mwcbStatus: 0x57
    case .ipoQuotingPeriodUpdate: 0x4B
    case .luldAuctionCollar: 0x4A
    case .operationalHalt: 0x68
    case .addOrder: 0x41
    case .addOrderMPID: 0x46
    case .orderExecuted: 0x45
    case .orderExecutedWithPrice: 0x43
    case .orderCancel: 0x58
    case .orderDelete: 0x44
    case .orderReplace: 0x55
    case .trade: 0x50
    case .crossTrade: 0x51
    case .brokenTrade: 0x42
    case .noii: 0x49
    case .rpii: 0x4E
    case .dlcrPriceDiscovery: 0x4F
    }
  }

  /// Writes the message into `p`, which has room for `ITCHMessageType.length(of: typeCode)`.
  func write(to p: ITCHMutableWire) throws(MarketDataError) {
    switch self {
    case .systemEvent(let m): try m.write(to: p)
    case .stockDirectory(let m): try m.write(to: p)
    case .stockTradingAction(let m): try m.write(to: p)
    case .regSHORestriction(let m): try m.write(to: p)
    case .marketParticipantPosition(let m): try m.write(to: p)
    case .mwcbDeclineLevel(let m): try m.write(to: p)
    case .mwcbStatus(let m): try m.write(to: p)
    case .ipoQuotingPeriodUpdate(let m): try m.write(to: p)
    case .luldAuctionCollar(let m): try m.write(to: p)
    case .operationalHalt(let m): try m.write(to: p)
    case .addOrder(let m): try m.write(to: p)
    case .addOrderMPID(let m): try m.write(to: p)
    case .orderExecuted(let m): try m.write(to: p)
    case .orderExecutedWithPrice(let m): try m.write(to: p)
    case .orderCancel(let m): try m.write(to: p)
    case .orderDelete(let m): try m.write(to: p)
    case .orderReplace(let m): try m.write(to: p)
    case .trade(let m): try m.write(to: p)
    case .crossTrade(let m): try m.write(to: p)
    case .brokenTrade(let m): try m.write(to: p)
    case .noii(let m): try m.write(to: p)
    case .rpii(let m): try m.write(to: p)
    case .dlcrPriceDiscovery(let m): try m.write(to: p)
    }
  }
}
