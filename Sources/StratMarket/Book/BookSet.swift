/// One book per instrument number for a multi-instrument stream (an ITCH day). Order ids are
/// unique across the whole feed (ITCH order references are unique per day), so one order table
/// serves every instrument; an add is filed under its event's instrument, and later messages
/// about the order find the instrument through the order.
public final class BookSet {
  @usableFromInline let orders: OrderMap
  /// Books by instrument number for the usual small numbers (ITCH stock locates).
  @usableFromInline var books: [LevelBook?] = []
  /// Books for instrument numbers too large for the array.
  @usableFromInline var farBooks: [UInt32: LevelBook] = [:]
  @usableFromInline static let arrayLimit: UInt32 = 1 << 16
  /// Messages that could not be applied as written, by kind.
  public private(set) var issues = BookIssueCounts()

  /// Creates an empty set sized for about `expectedOrders` resting orders.
  public init(expectedOrders: Int = 1 << 16) {
    orders = OrderMap(capacity: expectedOrders)
  }

  /// Applies one message to the book of its instrument; returns the issue when it could not be
  /// applied as written.
  @inlinable @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    let issue = orders.apply(event) { instrument in self.levels(instrument) }
    if let issue { record(issue) }
    return issue
  }

  @usableFromInline
  func record(_ issue: BookIssue) { issues.record(issue.kind) }

  /// The levels of `instrument`, created empty on first use.
  @inlinable
  func levels(_ instrument: UInt32) -> LevelBook {
    if instrument < Self.arrayLimit {
      let i = Int(instrument)
      if i < books.count, let book = books[i] { return book }
      return makeBook(instrument)
    }
    if let book = farBooks[instrument] { return book }
    return makeBook(instrument)
  }

  @usableFromInline
  func makeBook(_ instrument: UInt32) -> LevelBook {
    let book = LevelBook()
    if instrument < Self.arrayLimit {
      let i = Int(instrument)
      if books.count <= i { books.append(contentsOf: repeatElement(nil, count: i + 1 - books.count)) }
      books[i] = book
    } else {
      farBooks[instrument] = book
    }
    return book
  }

  /// The book of `instrument` (empty if it has seen no order).
  public func book(_ instrument: UInt32) -> some BookView { levels(instrument) }

  /// Instrument numbers that have a book, ascending.
  public var instruments: [UInt32] {
    var out = books.indices.compactMap { books[$0] == nil ? nil : UInt32($0) }
    out += farBooks.keys.sorted()
    return out
  }

  /// Number of resting orders across all instruments.
  public var orderCount: Int { orders.count }
}
