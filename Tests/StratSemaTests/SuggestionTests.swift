import StratDiagnostics
import StratSema
import Testing

/// Names are suggested by edit distance, in the fix-its of unknown-name diagnostics.
@Suite struct SuggestionTests {
  @Test(arguments: [
    ("sprad", ["spread", "side", "z"], ["spread"]),
    ("clse", ["open", "high", "low", "close", "volume"], ["close"]),
    ("price", ["Bool", "Int", "Float", "Price", "Qty"], ["Price"]),
    ("zzzzzz", ["spread", "side"], []),
    ("max_positon", ["max_position", "max_order", "max_notional"], ["max_position"]),
  ])
  func closestNamesWithinDistance(name: String, candidates: [String], expected: [String]) {
    #expect(Suggestions.closest(to: name, among: candidates, limit: 1) == expected)
  }

  @Test func distanceIsLevenshtein() {
    #expect(Suggestions.distance("kitten", "sitting") == 3)
    #expect(Suggestions.distance("", "abc") == 3)
    #expect(Suggestions.distance("same", "same") == 0)
  }

  static func fixIts(_ body: String) -> [(id: String, replacement: String, message: String)] {
    let text = "strategy s\ninstrument close_a = \"A\"\nstate side: Int = 0\n" + body
    return Compiler.compile(SourceFile(path: "s.strat", text: text)).diagnostics.flatMap { d in
      d.fixIts.map { (d.id, $0.replacement, $0.message) }
    }
  }

  @Test(arguments: [
    ("let spread = close_a.close\nwhen sprad > 1 { flat }\n", "names.unknown", "spread"),
    ("when smaa(close_a.close, 3) > 1 { flat }\n", "names.unknown-function", "sma"),
    ("when close_a.clos > 1 { flat }\n", "names.unknown-field", "close"),
    ("when close_a.close > 1 { target close_b = 1 }\n", "names.unknown-instrument", "close_a"),
    ("when close_a.close > 1 { sid = 1 }\n", "rules.assign-non-state", "side"),
    ("param x: Flot = 1\nwhen close_a.close > x { flat }\n", "types.unknown", "Float"),
    ("when close_a.close > 1 { flat }\nrisk { max_ordr = 1 }\n", "risk.unknown-limit", "max_order"),
    ("when close_a > 1 { flat }\n", "names.instrument-as-value", "close_a.close"),
  ])
  func diagnosticSuggestsTheClosestName(body: String, id: String, replacement: String) {
    let fixes = Self.fixIts(body)
    #expect(
      fixes.contains { $0.id == id && $0.replacement == replacement },
      "\(fixes.map { "\($0.id): \($0.replacement)" })"
    )
  }

  @Test func unknownParameterOnTheCommandLineSuggestsTheClosest() {
    let text =
      "strategy s\ninstrument a = \"A\"\nparam lookback: Int = 5\nwhen a.close[lookback] > 1 { flat }\n"
    let result = Compiler.compile(SourceFile(path: "c.strat", text: text), params: ["lookbak": "3"])
    #expect(
      result.diagnostics.map(\.message) == [
        "the strategy has no parameter `lookbak`; did you mean `lookback`?"
      ]
    )
  }
}
