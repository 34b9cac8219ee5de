/// Message type bytes and their fixed lengths in ITCH 5.0 (the length includes the type byte).
public enum ITCHMessageType {
  /// Every type byte and length of the specification, in spec order.
  public static let all: [(type: UInt8, length: Int)] = [
    (0x53, 12),  // S SystemEvent
    (0x52, 39),  // R StockDirectory
    (0x48, 25),  // H StockTradingAction
    (0x59, 20),  // Y RegSHORestriction
    (0x4C, 26),  // L MarketParticipantPosition
    (0x56, 35),  // V MWCBDeclineLevel
    (0x57, 12),  // W MWCBStatus
    (0x4B, 28),  // K IPOQuotingPeriodUpdate
    (0x4A, 35),  // J LULDAuctionCollar
    (0x68, 21),  // h OperationalHalt
    (0x41, 36),  // A AddOrder
    (0x46, 40),  // F AddOrderMPID
    (0x45, 31),  // E OrderExecuted
    (0x43, 36),  // C OrderExecutedWithPrice
    (0x58, 23),  // X OrderCancel
    (0x44, 19),  // D OrderDelete
    (0x55, 35),  // U OrderReplace
    (0x50, 44),  // P Trade
    (0x51, 40),  // Q CrossTrade
    (0x42, 19),  // B BrokenTrade
    (0x49, 50),  // I NOII
    (0x4E, 20),  // N RPII
    (0x4F, 48),  // O DLCRPriceDiscovery
  ]

  /// Length by type byte; 0 for a byte that is not a message type. A tuple of 256 bytes so the
  /// hot loop indexes it without bounds checks or reference counting.
  @usableFromInline
  static let lengths: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 256)
    for (type, length) in all { table[Int(type)] = UInt8(length) }
    return table
  }()

  /// The length of messages of type `type`, or nil if ITCH 5.0 has no such type.
  @inlinable
  public static func length(of type: UInt8) -> Int? {
    let length = Int(lengths[Int(type)])
    return length == 0 ? nil : length
  }

  /// The longest message (NOII, 50 bytes).
  public static let maximumLength = 50

  /// The type byte shown for messages: a letter, or its hex value.
  static func shown(_ type: UInt8) -> String {
    (0x21...0x7E).contains(type) ? "'\(ITCHText.character(type))'" : "0x" + String(type, radix: 16)
  }
}
