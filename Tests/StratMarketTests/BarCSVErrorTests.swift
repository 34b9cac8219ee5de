import StratDiagnostics
import StratMarket
import Testing

/// Each malformed input gives one diagnostic with its id, line and column.
@Suite struct BarCSVErrorTests {
  static let header = "Date,Open,High,Low,Close,Volume\n"
  static let good = "2020-07-27,1,2,0.5,1.5,10\n"

  @Test(arguments: [
    ("", "data.csv.empty", 1, 1),
    ("\u{FEFF}\n\n", "data.csv.empty", 1, 1),
    ("2020-07-27,1,2,0.5,1.5,10\n", "data.csv.missing-header", 1, 1),
    ("Date,Open,High,Low,Close,Vol\n", "data.csv.unknown-column", 1, 26),
    (",Open,High,Low,Close\n", "data.csv.unknown-column", 1, 1),
    ("Date,Open,High,Low,Close,Open\n", "data.csv.duplicate-column", 1, 26),
    ("Date,Open,High,Low\n", "data.csv.missing-column", 1, 1),
    ("Date,Open,High,Low,Close\n", "data.csv.no-rows", 2, 1),
    (header, "data.csv.no-rows", 2, 1),
    (header + good + "2020-07-28,1,2,0.5,1.5\n", "data.csv.field-count", 3, 1),
    (header + good + "2020-07-28,1,2,0.5,1.5,10,7\n", "data.csv.field-count", 3, 1),
    (header + "\n" + good, "data.csv.field-count", 2, 1),
    (header + good + "2020-07-28,1,2,,1.5,10\n", "data.csv.empty-field", 3, 16),
    (header + good + "2020-07-28,1,2,0.5,null,10\n", "data.csv.bad-number", 3, 20),
    (header + good + "2020-07-28,1,2,0.5,1.123456789,10\n", "data.csv.bad-number", 3, 20),
    (header + good + "2020-07-28,1,2,0.5,1.5,ten\n", "data.csv.bad-number", 3, 24),
    (header + "2020-07-32,1,2,0.5,1.5,10\n", "data.csv.bad-time", 2, 1),
    (header + "27/07/2020,1,2,0.5,1.5,10\n", "data.csv.bad-time", 2, 1),
    (header + good + "2020-07-28,-1,2,0.5,1.5,10\n", "data.csv.negative-value", 3, 12),
    (header + good + "2020-07-28,1,2,0.5,1.5,-10\n", "data.csv.negative-value", 3, 24),
    (header + good + "2020-07-28,1,0.4,0.5,0.45,10\n", "data.csv.inconsistent-bar", 3, 12),
    (header + good + "2020-07-28,3,2,0.5,1.5,10\n", "data.csv.inconsistent-bar", 3, 12),
    (header + good + "2020-07-28,1,2,0.5,0.4,10\n", "data.csv.inconsistent-bar", 3, 12),
    (header + good + good, "data.csv.time-order", 3, 1),
    (header + good + "2020-07-26,1,2,0.5,1.5,10\n", "data.csv.time-order", 3, 1),
    (
      header + "2020-07-27,1,2,0.5,1.5,10\r2020-07-28,1,2,0.5,1.5,10\n", "data.csv.line-ending", 2,
      26
    ),
  ])
  func reportsErrorWithPosition(text: String, id: String, line: Int, column: Int) {
    guard let d = csvError(text) else { return }
    #expect(d.id == id, "\(d.message)")
    #expect(d.location?.path == "t.csv")
    #expect(d.location?.line == line, "\(d.message)")
    #expect(d.location?.column == column, "\(d.message)")
    #expect(d.severity == .error)
  }

  @Test func namesBothTimesWhenOutOfOrder() {
    let text = Self.header + Self.good + "2020-07-28,1,2,0.5,1.5,10\n2020-07-26,1,2,0.5,1.5,10\n"
    guard let d = csvError(text) else { return }
    #expect(d.message.contains("2020-07-26T00:00:00Z"))
    #expect(d.message.contains("2020-07-28T00:00:00Z"))
    #expect(d.message.contains("line 3"))
    #expect(d.location?.line == 4)
  }

  @Test func callsDuplicateTimesDuplicates() {
    guard let d = csvError(Self.header + Self.good + Self.good) else { return }
    #expect(d.message.contains("duplicate of line 2"))
  }

  @Test func saysWhatWasExpectedAndFound() {
    guard let d = csvError(Self.header + "2020-07-27,1,2,0.5,null,10\n") else { return }
    #expect(d.message == "expected a decimal number such as 181.875 in `Close`; found `null`")
    guard let e = csvError("Date,Open,High,Low,Closs\n") else { return }
    #expect(e.notes.first == "did you mean `close`?")
  }

  @Test func prefersFieldCountOverBadField() {
    guard let d = csvError(Self.header + "2020-07-27,x,2,0.5,1.5\n") else { return }
    #expect(d.id == "data.csv.field-count")
  }

  @Test func rendersLikeTheCompiler() {
    guard let d = csvError(Self.header + "2020-07-27,1,2,0.5,null,10\n") else { return }
    #expect(DiagnosticRenderer.text(d).hasPrefix("t.csv:2:20: error[data.csv.bad-number]: "))
  }
}
