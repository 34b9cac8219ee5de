import Foundation
import StratDiagnostics

extension BookFeed {
  /// What one of the two files of a tick-store day gives.
  private enum TickPart {
    case events([OrderEvent], symbol: String)
    case book(BookSnapshots?)
  }

  /// The events of an `orders` tick file and, when `stratc data import` wrote one beside it, the
  /// published book of its `.book.tick` file. The two files are mapped and checked at the same
  /// time; their problems are reported as if read one after the other (the events' first).
  static func tick(path: String) throws(MarketDataError) -> BookFeed {
    let bookPath = TickImport.bookPath(forOrders: path)
    let hasBook = FileManager.default.fileExists(atPath: bookPath)
    let parts = ParallelLoad.map(hasBook ? 2 : 1) { k -> Result<TickPart, MarketDataError> in
      k == 0 ? tickEvents(path: path) : tickBook(path: bookPath)
    }
    guard case .events(let events, let symbol) = try parts[0].get() else { preconditionFailure() }
    guard hasBook else {
      return BookFeed(
        events: events, symbols: [0: symbol],
        description: "tick store \(symbol), \(events.count) events, the book built from them",
        bookSource: "rebuilt from the events")
    }
    guard case .book(let book) = try parts[1].get() else { preconditionFailure() }
    guard let snapshots = book, snapshots.count == events.count else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.tick.book-mismatch",
          message: "expected one book snapshot per event of \(path) (\(events.count)); found another count in \(bookPath)",
          at: DataLocation(path: bookPath))
      ])
    }
    let name = (bookPath as NSString).lastPathComponent
    return BookFeed(
      events: events, symbols: [0: symbol],
      description: "tick store \(symbol), \(events.count) events, the book from \(name) (\(snapshots.levels) levels)",
      snapshots: snapshots,
      bookSource: "tick file \(name) (\(snapshots.levels) levels)")
  }

  /// The events of an `orders` tick file, all as feed instrument 0.
  private static func tickEvents(path: String) -> Result<TickPart, MarketDataError> {
    do throws(MarketDataError) {
      let file = try TickFile(path: path)
      guard file.header.kind == .orders else {
        throw MarketDataError(diagnostics: [
          Diagnostic(
            id: "data.book.not-orders",
            message: "expected a tick file of order-book events (kind orders); found kind \(file.header.kind)",
            at: DataLocation(path: path))
        ])
      }
      var events: [OrderEvent] = []
      events.reserveCapacity(file.rowCount)
      file.forEachOrderEvent { (event: OrderEvent) in
        var event = event
        event.instrument = 0
        events.append(event)
      }
      return .success(.events(events, symbol: file.header.symbol))
    } catch {
      return .failure(error)
    }
  }

  /// The snapshots of a `.book.tick` file (nil when it is not a book file).
  private static func tickBook(path: String) -> Result<TickPart, MarketDataError> {
    do throws(MarketDataError) {
      return .success(.book(try TickFile(path: path).bookSnapshots()))
    } catch {
      return .failure(error)
    }
  }
}
