import Testing

@testable import StratConfig

/// Generated documents (seeded) through the parser and tomllib: whatever the parser accepts,
/// tomllib accepts with the same values (the subset's contract), and what tomllib refuses the
/// parser refuses. Headers, dotted keys and inline tables are drawn from a few names, so that
/// redefinitions (the subtle part of TOML) come up often.
@Suite struct ConfigDifferentialTests {
  static let keys = [
    "a", "b", "a.b", "b.c", "a.b.c", "\"a\"", "'b'", "a . c", "x-y", "1", "\"\"", "c",
  ]
  static let headers = [
    "[a]", "[a.b]", "[[a]]", "[[a.b]]", "[b]", "[\"a\".b]", "[a.b.c]", "[[b]]", "[c.d]", "[ a ]",
  ]
  static let values = [
    "1", "-0", "+5", "1_000", "0.5", "1e3", "-1.5e-3", "true", "false", "\"s\"", "'l'",
    "\"\\u00e9\"",
    "[1, 2]", "[]", "{ x = 1 }", "{}", "{ a.b = 1, c = [] }", "[[1], [\"x\"]]", "[{x=1},{y=2}]",
    "[ 1,\n 2, # c\n]", "{ a = { b = 1 } }", "\"a\\tb\"",
  ]
  static let noise = [
    "=", "[", "]", ".", "\"", "'", ",", "{", "}", "#", " ", "\n", "_", "0", "e", "-",
  ]

  struct SplitMix64 {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static func documents(seed: UInt64, count: Int) -> [String] {
    var random = SplitMix64(state: seed)
    return (0..<count).map { _ in
      var lines: [String] = []
      for _ in 0..<(1 + random.next(6)) {
        if random.next(4) == 0 {
          lines.append(headers[random.next(headers.count)])
        } else {
          lines.append(keys[random.next(keys.count)] + " = " + values[random.next(values.count)])
        }
        if random.next(5) == 0 { lines[lines.count - 1] += " # note" }
      }
      var text = Array(lines.joined(separator: "\n") + "\n")
      if random.next(3) == 0 {
        let at = random.next(text.count + 1)
        if random.next(2) == 0 || at == text.count {
          text.insert(contentsOf: noise[random.next(noise.count)], at: at)
        } else {
          text.remove(at: at)
        }
      }
      return String(text)
    }
  }

  @Test func whatTheParserAcceptsTomllibReadsTheSame() throws {
    guard ConfigTesting.hasTomllib else { return print("skipped: python3 has no tomllib") }
    let texts = Self.documents(seed: 0x5EED_C0F1, count: 3000)
    let expected = try #require(try ConfigTesting.oracle(texts.map { Array($0.utf8) }))
    #expect(expected.count == texts.count)
    var accepted = 0
    for (text, oracle) in zip(texts, expected) {
      guard let table = try? ConfigTesting.parse(text) else {
        continue  // refused: either TOML refuses it too, or it is outside the subset
      }
      accepted += 1
      #expect(ConfigTesting.canonical(table) == oracle, "\(text.debugDescription)")
    }
    #expect(accepted > 300, "the generator should make many valid documents")
  }
}
