import StratMarket
import Testing

/// A message about an order the book never saw comes off a level only where the feed says where
/// that order rested (LOBSTER); an ITCH C names the execution's price and no side.
@Suite struct SeededBookUnknownOrderTests {
  static let price: Int64 = 100 * 100_000_000

  static func book(locatesUnknownOrders: Bool) -> SeededBook {
    let book = SeededBook(locatesUnknownOrders: locatesUnknownOrders)
    book.apply(OrderEvent(timeNanos: 1, kind: .add, side: .buy, orderID: 1, price: price, quantity: 300))
    // Order 7 was never added: an execution of 91 shares of it, at the bid's price.
    book.apply(OrderEvent(timeNanos: 2, kind: .execute, side: .buy, orderID: 7, price: price, quantity: 91))
    return book
  }

  @Test func aLOBSTERMessageAboutAnUnseenOrderComesOffItsLevel() {
    let book = Self.book(locatesUnknownOrders: true)
    #expect(book.quantity(.buy, at: Self.price) == 209)
    #expect(book.unknownOrderMessages == 1)
  }

  @Test func anITCHMessageAboutAnUnseenOrderIsCountedAndChangesNoLevel() {
    let book = Self.book(locatesUnknownOrders: false)
    #expect(book.quantity(.buy, at: Self.price) == 300)
    #expect(book.level(.buy, 0)?.quantity == 300)
    #expect(book.unknownOrderMessages == 1)
  }
}
