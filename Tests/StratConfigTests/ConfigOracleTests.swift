import Foundation
import StratDiagnostics
import Testing

@testable import StratConfig

/// The parser against Python's tomllib: every construct of the subset reads to the same values;
/// what TOML refuses, both refuse; what is TOML but outside the subset, only tomllib reads.
@Suite struct ConfigOracleTests {
  /// One or more constructs per text; together every construct Docs/ENGINE-CONFIG.md lists.
  static let valid: [String] = [
    "",
    "# only a comment\n\n   \t\n",
    "a = 1\r\nb = 2\r\n",
    "bare_key-1 = \"x\"\n1234 = 5\n\"quoted key\" = 6\n'literal key' = 7\n\"\" = 8\n",
    "s = \"tab\\tnl\\nq\\\"bs\\\\ b\\b f\\f r\\r\"\nu = \"\\u00e9\\U0001F600\"\nraw = 'C:\\path\\n'\n",
    "e = \"e\\u0301\"\nf = \"\\u00e9\"\n\"\\u00e9\" = 1\n\"e\\u0301\" = 2\nutf8 = \"µs → ✓\"\n",
    "i = 0\nj = -17\nk = +42\nl = 1_000_000\nm = 9223372036854775807\nn = -9223372036854775808\n",
    "a = 0.5\nb = -1.25\nc = 1e6\nd = 1E-3\ne = 6.626e-34\nf = 1_000.000_1\ng = -0.0\nh = 0e0\ni = 1e+06\n",
    "x = 0.1\ny = 1.7976931348623157e308\nz = 5e-324\nw = 1e-400\n",
    "t = true\nf = false\n",
    "a = [1, 2, 3]\nb = []\nc = [ \"x\", 'y', ]\nd = [[1, 2], [\"a\"]]\ne = [ # comment\n  1.5,\n  2.5, # another\n]\n",
    "t = { a = 1, b.c = \"x\", d = { e = true } }\nempty = {}\nlist = [{ x = 1 }, { x = 2 }]\n",
    "[engine]\ncpu = 1\n[engine.sub]\nx = 1\n[other] # comment\n",
    "[ a . b . c ]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n",
    "[\"quoted\".'literal'.bare]\nk = 1\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3\n[t]\nu.v = 1\nu.w = 2\n[t.u.z]\nq = 1\n",
    "[[strategy]]\nfile = \"a.strat\"\n[[strategy]]\nfile = \"b.strat\"\nparams = { size = 100 }\n",
    "[[fruit]]\nname = \"apple\"\n[fruit.physical]\ncolor = \"red\"\n[[fruit.variety]]\nname = \"red delicious\"\n[[fruit]]\nname = \"banana\"\n[[fruit.variety]]\nname = \"plantain\"\n",
    "[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n[a.b.d]\ne = 3\n",
    "a = 1 # trailing comment\nb = \"# not a comment\" # but this is\nc = 'x' #\n",
    "key\t=\t\"tabs\"\t\n",
  ]

  /// Not TOML at all: both refuse.
  static let invalid: [String] = [
    "a = 1\na = 2\n", "a = \n", "= 1\n", "a = \"open\n", "[t]\n[t]\n", "a.b = 1\n[a]\n",
    "a = {x = 1}\n[a]\n", "a = 01\n", "a = 1__0\n", "a = 1_\n", "a = 1.\n", "a = .5\n",
    "a = \"\\q\"\n", "a = \"\\uD800\"\n", "a = { x = 1, }\n", "a = { x = 1\n}\n", "[a]]\n",
    "a = 1 b = 2\n", "a = [1 2]\n", "a = truex\n", "[[a]]\n[a]\n", "a = [1]\n[[a]]\n",
    "a = 1\r\n\rb = 2\n", "\u{FEFF}a = 1\n", "a = \"x\u{7}\"\n", "# bell \u{7}\n",
    "[a]\nb = 1\n[a.b]\n",
    "[a.b]\nc = 1\n[a]\nb.d = 2\n", "a = {b = {c = 1}, b.d = 2}\n",
  ]

  /// TOML v1.0 that the subset leaves out: tomllib reads it, the parser refuses with a message.
  static let outsideSubset: [String] = [
    "a = [1, \"mixed\"]\n", "a = 1979-05-27\n", "a = 07:32:00\n", "a = 1979-05-27T07:32:00Z\n",
    "a = 0xff\n", "a = 0o17\n", "a = 0b101\n", "a = inf\n", "a = -nan\n", "a = \"\"\"multi\"\"\"\n",
    "a = '''multi'''\n", "a = [1, 2.0]\n", "a = 1e400\n", "a = 9223372036854775808\n",
  ]

  @Test func everyConstructReadsAsTomllibReadsIt() throws {
    guard ConfigTesting.hasTomllib else { return print("skipped: python3 has no tomllib") }
    let expected = try #require(try ConfigTesting.oracle(Self.valid.map { Array($0.utf8) }))
    #expect(expected.count == Self.valid.count)
    for (text, oracle) in zip(Self.valid, expected) {
      let ours = try ConfigTesting.canonical(ConfigTesting.parse(text))
      #expect(ours == oracle, "\(text.debugDescription)")
    }
  }

  @Test func whatTomlRefusesBothRefuse() throws {
    guard ConfigTesting.hasTomllib else { return print("skipped: python3 has no tomllib") }
    let expected = try #require(try ConfigTesting.oracle(Self.invalid.map { Array($0.utf8) }))
    for (text, oracle) in zip(Self.invalid, expected) {
      #expect(oracle == "error", "tomllib reads \(text.debugDescription)")
      #expect(ConfigTesting.syntaxError(text) != "", "the parser reads \(text.debugDescription)")
    }
  }

  @Test func tomlOutsideTheSubsetIsASyntaxErrorThatTomllibReads() throws {
    guard ConfigTesting.hasTomllib else { return print("skipped: python3 has no tomllib") }
    let expected = try #require(try ConfigTesting.oracle(Self.outsideSubset.map { Array($0.utf8) }))
    for (text, oracle) in zip(Self.outsideSubset, expected) {
      #expect(oracle != "error", "tomllib refuses \(text.debugDescription)")
      #expect(
        ConfigTesting.syntaxError(text).contains("error[engine.config.syntax]"),
        "\(text.debugDescription)"
      )
    }
  }

  @Test func theExampleAndTheDocumentedConfigReadAsTomllibReadsThem() throws {
    guard ConfigTesting.hasTomllib else { return print("skipped: python3 has no tomllib") }
    let texts = [try ConfigTesting.example(), Array(try ConfigTesting.documentedExample().utf8)]
    let expected = try #require(try ConfigTesting.oracle(texts))
    for (text, oracle) in zip(texts, expected) {
      let ours = try ConfigTesting.canonical(ConfigParser.parse(SourceFile(path: "x", bytes: text)))
      #expect(ours == oracle)
    }
  }
}
