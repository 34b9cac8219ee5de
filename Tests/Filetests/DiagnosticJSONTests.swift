import Foundation
import StratDiagnostics
import StratSema
import Testing

/// The JSON form of diagnostics (`--diagnostics=json`): one object per diagnostic with the
/// fields tools rely on, valid JSON whatever the message holds.
@Suite struct DiagnosticJSONTests {
  static func object(_ diagnostic: Diagnostic) throws -> [String: Any] {
    let data = Data(DiagnosticRenderer.json(diagnostic).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func compile(_ text: String, params: [String: String] = [:]) -> [Diagnostic] {
    Compiler.compile(SourceFile(path: "dir/case.strat", text: text), params: params).diagnostics
  }

  @Test func sourceDiagnosticHasEveryField() throws {
    let diagnostics = Self.compile(
      """
      strategy s
      instrument a = "SPY"
      let spread = a.close - a.open
      when sprad + a.volume > 1 { flat a }

      """
    )
    let unknown = try #require(diagnostics.first { $0.id == "names.unknown" })
    let json = try Self.object(unknown)
    #expect(
      Set(json.keys)
        == [
          "id", "severity", "file", "line", "column", "endLine", "endColumn", "message", "labels",
          "notes", "fixIts",
        ]
    )
    #expect(json["id"] as? String == "names.unknown")
    #expect(json["severity"] as? String == "error")
    #expect(json["file"] as? String == "dir/case.strat")
    #expect(json["line"] as? Int == 4)
    #expect(json["column"] as? Int == 6)
    #expect(json["endLine"] as? Int == 4)
    #expect(json["endColumn"] as? Int == 11)
    #expect(json["message"] as? String == "unknown name `sprad`")
    let labels = try #require(json["labels"] as? [[String: Any]])
    #expect(labels.count == 1)
    #expect(labels.first?["line"] as? Int == 4)
    #expect(labels.first?["column"] as? Int == 6)
    #expect(labels.first?["message"] as? String == "not declared")
    let notes = try #require(json["notes"] as? [String])
    #expect(notes.count == 1)
    let fixIts = try #require(json["fixIts"] as? [[String: Any]])
    #expect(fixIts.count == 1)
    let fix = try #require(fixIts.first)
    #expect(fix["replacement"] as? String == "spread")
    #expect(fix["message"] as? String == "did you mean `spread`?")
    #expect(fix["line"] as? Int == 4)
    #expect(fix["column"] as? Int == 6)
    #expect(fix["endLine"] as? Int == 4)
    #expect(fix["endColumn"] as? Int == 11)
  }

  @Test func secondaryLabelsFollowThePrimary() throws {
    let diagnostics = Self.compile(
      "strategy s\ninstrument a = \"SPY\"\nwhen a.close + a.volume > 1 { flat a }\n"
    )
    let json = try Self.object(try #require(diagnostics.first))
    #expect(json["id"] as? String == "units.mismatch")
    let labels = try #require(json["labels"] as? [[String: Any]])
    #expect(labels.map { $0["column"] as? Int } == [14, 6, 16])
    #expect(labels.map { $0["message"] as? String } == ["", "Price", "Qty"])
  }

  @Test func warningsSaySo() throws {
    let diagnostics = Self.compile(
      "strategy s\ninstrument a = \"SPY\"\nparam p: Float = 1.0\nwhen a.close > 1 { flat a }\n"
    )
    let json = try Self.object(try #require(diagnostics.first))
    #expect(json["severity"] as? String == "warning")
    #expect(json["id"] as? String == "names.unused")
  }

  @Test func diagnosticWithoutLocationHasNoPosition() throws {
    let diagnostics = Self.compile(
      "strategy s\ninstrument a = \"SPY\"\nparam n: Int = 3\nwhen a.close[n] > 1 { flat a }\n",
      params: ["m": "1"]
    )
    let json = try Self.object(try #require(diagnostics.first))
    #expect(json["id"] as? String == "cli.unknown-param")
    #expect(json["file"] == nil && json["line"] == nil && json["column"] == nil)
    #expect((json["labels"] as? [Any])?.isEmpty == true)
  }

  @Test func dataLocationKeepsItsByteOffset() throws {
    let diagnostic = Diagnostic(
      id: "csv.bad-number",
      message: "bad",
      at: DataLocation(path: "d.csv", byteOffset: 42)
    )
    let json = try Self.object(diagnostic)
    #expect(json["file"] as? String == "d.csv")
    #expect(json["byteOffset"] as? Int == 42)
  }

  @Test(arguments: ["quote \" backslash \\ newline \n tab \t", "control \u{1} \u{1F}", "é € 𝄞"])
  func messagesEscapeToValidJSON(_ message: String) throws {
    let file = SourceFile(path: "p\"q.strat", text: "strategy s\n")
    let diagnostic = Diagnostic(
      id: "test.escape",
      message: message,
      primary: Label(SourceSpan(file: file, start: 0, end: 8), message),
      notes: [message]
    )
    let json = try Self.object(diagnostic)
    #expect(json["message"] as? String == message)
    #expect(json["file"] as? String == "p\"q.strat")
    #expect((json["notes"] as? [String]) == [message])
  }

  @Test func oneLinePerDiagnostic() {
    let diagnostics = Self.compile("strategy s\nwhen x > 1 { flat y }\n")
    #expect(diagnostics.count >= 2)
    for diagnostic in diagnostics { #expect(!DiagnosticRenderer.json(diagnostic).contains("\n")) }
  }
}
