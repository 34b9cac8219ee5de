import StratMarket

/// The venue's books, one per instrument, found by ITCH locate code (a direct table, for the hot
/// path) or by symbol (resolve once per session or message, then use the locate). Order ids and
/// match numbers are venue-wide (`VenueSequences`). One thread.
public final class MatchingEngine {
  public let sequences = VenueSequences()
  /// The books in configuration order.
  public let books: [MatchingBook]
  private let byLocate: [Int32]
  private let bySymbol: [String: UInt16]

  /// A book per instrument, each for at most `capacity` resting orders. Throws
  /// `venue.config.*` for a list the venue cannot run (see `MatchingConfigError`).
  public init(
    instruments: [MatchingInstrument],
    capacity: Int = 1 << 16,
    selfMatchPolicy: SelfMatchPolicy = .cancelResting
  ) throws(MatchingConfigError) {
    var byLocate = [Int32](repeating: -1, count: Int(UInt16.max) + 1)
    var bySymbol: [String: UInt16] = [:]
    for (position, instrument) in instruments.enumerated() {
      try MatchingConfigError.check(instrument)
      guard bySymbol[instrument.symbol] == nil else { throw .duplicateSymbol(instrument.symbol) }
      guard byLocate[Int(instrument.locate)] < 0 else { throw .duplicateLocate(instrument.locate) }
      bySymbol[instrument.symbol] = instrument.locate
      byLocate[Int(instrument.locate)] = Int32(position)
    }
    let sequences = self.sequences
    books = instruments.map {
      MatchingBook($0, capacity: capacity, selfMatchPolicy: selfMatchPolicy, sequences: sequences)
    }
    self.byLocate = byLocate
    self.bySymbol = bySymbol
  }

  /// The locate code of `symbol`, if the venue lists it.
  public func locate(of symbol: String) -> UInt16? { bySymbol[symbol] }

  /// Orders resting on every book now.
  public var restingCount: Int { books.reduce(0) { $0 + $1.pool.count } }

  /// The book of `locate`, if the venue lists it.
  @inline(__always)
  public func book(_ locate: UInt16) -> MatchingBook? {
    let position = byLocate[Int(locate)]
    return position >= 0 ? books[Int(position)] : nil
  }

  /// Submits a new order for instrument `locate`.
  public func submit(_ request: OrderRequest, locate: UInt16, into events: MatchingEvents) {
    guard let book = book(locate) else {
      events.append(.rejected(owner: request.owner, reason: .unknownInstrument))
      return
    }
    book.submit(request, into: events)
  }

  /// Cancels order `orderID` of `owner` on instrument `locate`.
  public func cancel(orderID: UInt64, owner: UInt32, locate: UInt16, into events: MatchingEvents) {
    guard let book = book(locate) else {
      events.append(
        .cancelRejected(
          orderID: orderID,
          owner: owner,
          isReplace: false,
          reason: .unknownInstrument
        )
      )
      return
    }
    book.cancel(orderID: orderID, owner: owner, into: events)
  }

  /// Replaces order `orderID` of `owner` on instrument `locate` (see `MatchingBook.replace`).
  public func replace(
    orderID: UInt64,
    owner: UInt32,
    locate: UInt16,
    price: Price,
    quantity: Int64,
    into events: MatchingEvents
  ) {
    guard let book = book(locate) else {
      events.append(
        .cancelRejected(
          orderID: orderID,
          owner: owner,
          isReplace: true,
          reason: .unknownInstrument
        )
      )
      return
    }
    book.replace(orderID: orderID, owner: owner, price: price, quantity: quantity, into: events)
  }
}
