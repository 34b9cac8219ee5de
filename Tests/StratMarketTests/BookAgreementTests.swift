import Foundation
import StratMarket
import Testing

/// The key evidence for the book: replayed message by message, it agrees with LOBSTER's own
/// orderbook file on every level the messages determine (definition in BookAgreement).
@Suite struct BookAgreementTests {
  static func load(_ levels: Int) throws -> (messages: [OrderEvent], rows: [LOBSTERBookRow]) {
    let messages = try LOBSTERMessageReader(path: LOBSTERSample.messages(levels)).readAll()
    let rows = try LOBSTERBookReader(path: LOBSTERSample.orderbook(levels)).readAll()
    return (messages, rows)
  }

  @Test func levelOneAgreesOnEveryDeterminedLevel() throws {
    let (messages, rows) = try Self.load(1)
    let report = BookAgreement.measure(messages: messages, orderbook: rows, levels: 1)
    print("AGREEMENT", report)
    #expect(report.messages == 49_482 && report.rows == 49_482)
    #expect(report.rowsCompared == 49_481)
    #expect(report.levelsCompared > 85_000)
    #expect(report.levelsAgreeing == report.levelsCompared, "\(report.firstDisagreements)")
    #expect(report.rowsAgreeing == report.rowsCompared)
  }

  @Test(arguments: [5, 10]) func deeperFilesAgreeOnEveryDeterminedLevel(levels: Int) throws {
    let (messages, rows) = try Self.load(levels)
    let report = BookAgreement.measure(messages: messages, orderbook: rows, levels: levels)
    print("AGREEMENT", report)
    #expect(report.messages == rows.count && report.messages == (levels == 5 ? 112_673 : 147_916))
    #expect(report.rowsCompared == report.rows - 1)
    #expect(report.levelsCompared > report.rowsCompared * levels)
    #expect(report.levelsAgreeing == report.levelsCompared, "\(report.firstDisagreements)")
  }

  @Test func oneWrongSizeIsCaught() throws {
    var (messages, rows) = try Self.load(1)
    // Message 20 onward: find the first visible execution of a known order and shrink it.
    let index = try #require(
      messages.indices.first { i in
        i > 100 && messages[i].kind == .execute
          && messages[..<i].contains { $0.kind == .add && $0.orderID == messages[i].orderID }
      }
    )
    messages[index].quantity -= 1
    rows.removeLast(rows.count - index - 50)
    messages.removeLast(messages.count - rows.count)
    let report = BookAgreement.measure(messages: messages, orderbook: rows, levels: 1)
    #expect(report.levelsAgreeing < report.levelsCompared)
    #expect(report.firstDisagreements.first?.row == index + 1)
  }
}
