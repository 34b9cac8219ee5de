/// An instrument list the venue cannot run, with a stable id.
public enum MatchingConfigError: Error, Equatable, CustomStringConvertible {
  case duplicateSymbol(String)
  case duplicateLocate(UInt16)
  case badLocate(String)
  case badTickSize(String)
  case badMaxQuantity(String)
  case badMaxPrice(String)

  /// The stable id.
  public var id: String {
    switch self {
    case .duplicateSymbol: "venue.config.duplicate-symbol"
    case .duplicateLocate: "venue.config.duplicate-locate"
    case .badLocate: "venue.config.bad-locate"
    case .badTickSize: "venue.config.bad-tick-size"
    case .badMaxQuantity: "venue.config.bad-max-quantity"
    case .badMaxPrice: "venue.config.bad-max-price"
    }
  }

  public var description: String {
    switch self {
    case .duplicateSymbol(let s):
      "error[\(id)]: symbol \(s) is listed twice; list each instrument once"
    case .duplicateLocate(let l):
      "error[\(id)]: locate \(l) is given to two instruments; give each its own"
    case .badLocate(let s):
      "error[\(id)]: \(s) has locate 0, which ITCH keeps for messages about no instrument; use 1…65535"
    case .badTickSize(let s):
      "error[\(id)]: the tick of \(s) must be above 0 and a whole multiple of 0.0001 (ITCH prices have four decimals)"
    case .badMaxQuantity(let s):
      "error[\(id)]: the maximum order quantity of \(s) must be 1…4294967295 (ITCH's share field)"
    case .badMaxPrice(let s):
      "error[\(id)]: the maximum price of \(s) must be above 0 and at most 429496.7295 (ITCH's price field)"
    }
  }

  static func check(_ i: MatchingInstrument) throws(MatchingConfigError) {
    if i.locate == 0 { throw .badLocate(i.symbol) }
    if i.tickSize.raw <= 0 || i.tickSize.raw % 10_000 != 0 { throw .badTickSize(i.symbol) }
    if i.maxPrice.raw <= 0 || i.maxPrice > MatchingInstrument.maximumFeedPrice {
      throw .badMaxPrice(i.symbol)
    }
    if i.maxOrderQuantity <= 0 || i.maxOrderQuantity > Int64(UInt32.max) {
      throw .badMaxQuantity(i.symbol)
    }
  }
}
