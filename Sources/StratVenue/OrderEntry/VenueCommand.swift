import StratFIX
import StratMarket

/// One client request, copied out of its FIX message on the session's reader thread so the
/// venue thread never touches a receive buffer.
struct VenueCommand: Sendable {
  enum Kind: Sendable {
    case new(side: Side, kind: OrderKind, timeInForce: TimeInForce, price: Price, quantity: Int64)
    case cancel(original: String)
    case replace(original: String, price: Price?, quantity: Int64)
    case status
    case massStatus
    /// A request the venue cannot take, answered with a reject that says why.
    case invalid(text: String)
  }

  var session: String
  var clOrdID: String
  var symbol: String
  var kind: Kind
  var msgType: String

  /// Reads a D, F, G, H or AF the validator has passed. Missing or odd values that the
  /// dictionary allows but the venue does not support become `.invalid` with a reason.
  static func read(_ message: FIXMessageView, session: String) -> VenueCommand {
    let type = message.msgType
    let clOrdID = message.string(11) ?? message.string(584) ?? ""
    let symbol = message.string(55) ?? ""
    var command = VenueCommand(session: session, clOrdID: clOrdID, symbol: symbol, kind: .status, msgType: type)
    switch type {
    case "D": command.kind = readNew(message)
    case "F": command.kind = message.string(41).map { .cancel(original: $0) } ?? .invalid(text: "OrigClOrdID (41) is missing")
    case "G": command.kind = readReplace(message)
    case "H": command.kind = .status
    case "AF": command.kind = .massStatus
    default: command.kind = .invalid(text: "the venue does not take \(type)")
    }
    return command
  }

  private static func readNew(_ message: FIXMessageView) -> Kind {
    guard let side = side(message) else { return .invalid(text: "Side (54) must be 1 (buy) or 2 (sell)") }
    guard let quantity = wholeQuantity(message) else { return .invalid(text: "OrderQty (38) must be a whole number of shares above 0") }
    let tif: TimeInForce
    switch message.string(59) ?? "0" {
    case "0": tif = .day
    case "3": tif = .immediateOrCancel
    default: return .invalid(text: "TimeInForce (59) must be 0 (day) or 3 (IOC)")
    }
    switch message.string(40) {
    case "1": return .new(side: side, kind: .market, timeInForce: .immediateOrCancel, price: .zero, quantity: quantity)
    case "2":
      guard let price = price(message) else { return .invalid(text: "a limit order needs Price (44) above 0") }
      return .new(side: side, kind: .limit, timeInForce: tif, price: price, quantity: quantity)
    default: return .invalid(text: "OrdType (40) must be 1 (market) or 2 (limit)")
    }
  }

  private static func readReplace(_ message: FIXMessageView) -> Kind {
    guard let original = message.string(41) else { return .invalid(text: "OrigClOrdID (41) is missing") }
    guard let quantity = wholeQuantity(message) else { return .invalid(text: "OrderQty (38) must be a whole number of shares above 0") }
    return .replace(original: original, price: price(message), quantity: quantity)
  }

  private static func side(_ message: FIXMessageView) -> Side? {
    switch message.string(54) {
    case "1": .buy
    case "2": .sell
    default: nil
    }
  }

  private static func wholeQuantity(_ message: FIXMessageView) -> Int64? {
    guard let value = message.value(38), let quantity = try? Price(utf8: value), quantity.raw > 0,
      quantity.raw % 100_000_000 == 0
    else { return nil }
    return quantity.raw / 100_000_000
  }

  private static func price(_ message: FIXMessageView) -> Price? {
    guard let value = message.value(44), let price = try? Price(utf8: value), price.raw > 0 else { return nil }
    return price
  }
}
