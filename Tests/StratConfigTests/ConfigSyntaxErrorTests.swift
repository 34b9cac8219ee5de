import Foundation
import StratDiagnostics
import Testing

@testable import StratConfig

/// Every syntax error the parser reports, rendered as `strat-engine` prints it: file, line and
/// column, what was expected, the source line and the caret (goldens).
@Suite struct ConfigSyntaxErrorTests {
  static let cases: [(source: String, rendered: String)] = [
    (
      "a =\n",
      """
      test.toml:1:4: error[engine.config.syntax]: expected a value (a string, number, boolean, array or inline table); found the end of the line
        |
      1 | a =
        |    ^

      """
    ),
    (
      "a = 1\na = 2\n",
      """
      test.toml:2:1: error[engine.config.duplicate]: the key `a` is defined twice in the same table
        |
      2 | a = 2
        | ^
         = note: first defined at line 1, column 1

      """
    ),
    (
      "[engine]\ncpu = 1\n\n[engine]\n",
      """
      test.toml:4:2: error[engine.config.duplicate]: the table `engine` is defined twice
        |
      4 | [engine]
        |  ^^^^^^
         = note: first defined at line 1, column 2

      """
    ),
    (
      "= 1\n",
      """
      test.toml:1:1: error[engine.config.syntax]: expected a key (letters, digits, `_` and `-`, or a quoted string); found `=`
        |
      1 | = 1
        | ^

      """
    ),
    (
      "cpu: 1\n",
      """
      test.toml:1:4: error[engine.config.syntax]: expected `=` after the key `cpu`; found `:`
        |
      1 | cpu: 1
        |    ^

      """
    ),
    (
      "a = \"open\n",
      """
      test.toml:1:10: error[engine.config.syntax]: expected the closing `"` of the string that starts at column 5; found the end of the line
        |
      1 | a = "open
        |          ^

      """
    ),
    (
      "a = \'open",
      """
      test.toml:1:10: error[engine.config.syntax]: expected the closing `'` of the string that starts at column 5; found the end of the file
        |
      1 | a = 'open
        |          ^

      """
    ),
    (
      "a = \"\\q\"\n",
      """
      test.toml:1:7: error[engine.config.syntax]: expected an escape (\\b \\t \\n \\f \\r \\" \\\\ \\uXXXX \\UXXXXXXXX) after `\\`; found `q`
        |
      1 | a = "\\q"
        |       ^

      """
    ),
    (
      "a = \"\\u12\"\n",
      """
      test.toml:1:10: error[engine.config.syntax]: expected 4 hexadecimal digits after `\\u`; found `"`
        |
      1 | a = "\\u12"
        |          ^

      """
    ),
    (
      "a = \"\\uD800\"\n",
      """
      test.toml:1:6: error[engine.config.syntax]: expected a Unicode scalar value (not a surrogate, at most 10FFFF) in the escape
        |
      1 | a = "\\uD800"
        |      ^

      """
    ),
    (
      "a = \"\"\"x\"\"\"\n",
      """
      test.toml:1:5: error[engine.config.syntax]: multi-line strings are not in the subset; write the text on one line with escapes such as \\n
        |
      1 | a = \"""x\"""
        |     ^

      """
    ),
    (
      "a = 01\n",
      """
      test.toml:1:5: error[engine.config.syntax]: a number may not start with a leading zero
        |
      1 | a = 01
        |     ^

      """
    ),
    (
      "a = 1__0\n",
      """
      test.toml:1:6: error[engine.config.syntax]: an underscore in a number must sit between two digits
        |
      1 | a = 1__0
        |      ^

      """
    ),
    (
      "a = 1.\n",
      """
      test.toml:1:7: error[engine.config.syntax]: expected a digit after the decimal point
        |
      1 | a = 1.
        |       ^

      """
    ),
    (
      "a = 9223372036854775808\n",
      """
      test.toml:1:5: error[engine.config.syntax]: `9223372036854775808` is out of range: integers are 64-bit, from -9223372036854775808 to 9223372036854775807
        |
      1 | a = 9223372036854775808
        |     ^

      """
    ),
    (
      "a = 1e400\n",
      """
      test.toml:1:5: error[engine.config.syntax]: `1e400` is out of range for a 64-bit float
        |
      1 | a = 1e400
        |     ^

      """
    ),
    (
      "a = 0xff\n",
      """
      test.toml:1:5: error[engine.config.syntax]: `0xff`: hexadecimal, octal and binary integers are not in the subset; write the number in decimal
        |
      1 | a = 0xff
        |     ^

      """
    ),
    (
      "a = inf\n",
      """
      test.toml:1:5: error[engine.config.syntax]: `inf`: inf and nan are not in the subset; limits and settings are finite numbers
        |
      1 | a = inf
        |     ^

      """
    ),
    (
      "date = 2012-06-21\n",
      """
      test.toml:1:8: error[engine.config.syntax]: `2012-06-21`: dates and times are not in the subset; write a date as a string, such as "2012-06-21"
        |
      1 | date = 2012-06-21
        |        ^

      """
    ),
    (
      "a = yes\n",
      """
      test.toml:1:5: error[engine.config.syntax]: expected a value (a string, number, boolean, array or inline table); found `yes`
        |
      1 | a = yes
        |     ^

      """
    ),
    (
      "a = truex\n",
      """
      test.toml:1:9: error[engine.config.syntax]: expected the end of the line after a statement; found `x`
        |
      1 | a = truex
        |         ^

      """
    ),
    (
      "a = [1, \"x\"]\n",
      """
      test.toml:1:9: error[engine.config.syntax]: expected an integer like the array's first element; found a string
        |
      1 | a = [1, "x"]
        |      -  ^^^ first element
         = note: in this subset of TOML an array holds one kind of value

      """
    ),
    (
      "a = [1 2]\n",
      """
      test.toml:1:8: error[engine.config.syntax]: expected `,` or `]` after an element of the array; found `2`
        |
      1 | a = [1 2]
        |        ^

      """
    ),
    (
      "a = [1,\n",
      """
      test.toml:2:1: error[engine.config.syntax]: expected `]` to close the array; found the end of the file
        |
      2 | 
        | ^

      """
    ),
    (
      "a = { x = 1, }\n",
      """
      test.toml:1:14: error[engine.config.syntax]: expected a key (letters, digits, `_` and `-`, or a quoted string); found `}`
        |
      1 | a = { x = 1, }
        |              ^

      """
    ),
    (
      "a = { x = 1\n",
      """
      test.toml:1:12: error[engine.config.syntax]: expected `,` or `}` in the inline table (it stays on one line, with no comma after the last value); found the end of the line
        |
      1 | a = { x = 1
        |            ^

      """
    ),
    (
      "[a\n",
      """
      test.toml:1:3: error[engine.config.syntax]: expected `]` to close the table header; found the end of the line
        |
      1 | [a
        |   ^

      """
    ),
    (
      "[[a]\n",
      """
      test.toml:1:4: error[engine.config.syntax]: expected `]]` to close the array-of-tables header; found `]`
        |
      1 | [[a]
        |    ^

      """
    ),
    (
      "a.b = 1\n[a]\n",
      """
      test.toml:2:2: error[engine.config.duplicate]: the table `a` is defined twice
        |
      2 | [a]
        |  ^
         = note: first defined at line 1, column 1

      """
    ),
    (
      "[a.b]\nc = 1\n[a]\nb.d = 2\n",
      """
      test.toml:4:1: error[engine.config.duplicate]: `b` is defined by a header or an earlier section; dotted keys cannot add to it
        |
      4 | b.d = 2
        | ^
         = note: first defined at line 1, column 4
         = note: add the key under its own header

      """
    ),
    (
      "x = { y = 1 }\n[x]\n",
      """
      test.toml:2:2: error[engine.config.duplicate]: `x` is an inline table, which a header cannot add to
        |
      2 | [x]
        |  ^
         = note: first defined at line 1, column 1

      """
    ),
    (
      "[[s]]\n[s]\n",
      """
      test.toml:2:2: error[engine.config.duplicate]: `s` is an array of tables (`[[s]]`); it cannot also be a table
        |
      2 | [s]
        |  ^
         = note: first defined at line 1, column 3

      """
    ),
    (
      "a = 1\n[a.b]\n",
      """
      test.toml:2:2: error[engine.config.duplicate]: `a` is already an integer, not a table
        |
      2 | [a.b]
        |  ^
         = note: first defined at line 1, column 1

      """
    ),
    (
      "a = \"tab\tok\" \u{07}\n",
      """
      test.toml:1:14: error[engine.config.syntax]: expected the end of the line after a statement; found the control character U+0007
        |
      1 | a = "tab	ok" \u{7}
        |              ^

      """
    ),
    (
      "# bell \u{07}\n",
      """
      test.toml:1:8: error[engine.config.syntax]: expected comment text; found the control character U+0007
        |
      1 | # bell \u{7}
        |        ^

      """
    ),
    (
      "a = 1\rb = 2\n",
      """
      test.toml:1:6: error[engine.config.syntax]: expected the end of the line after a statement; found a carriage return (\\r) that no line feed follows
        |
      1 | a = 1\rb = 2
        |      ^

      """
    ),
    (
      "a = \"x\" y\n",
      """
      test.toml:1:9: error[engine.config.syntax]: expected the end of the line after a statement; found `y`
        |
      1 | a = "x" y
        |         ^

      """
    ),
  ]

  @Test(arguments: cases.indices) func rendersTheErrorAtItsLineAndColumn(_ index: Int) {
    let (source, rendered) = Self.cases[index]
    let actual = ConfigTesting.syntaxError(source)
    #expect(actual == rendered, "\(source.debugDescription) renders:\n\(actual)")
  }

  @Test func aFileLargerThanTheCapIsRefusedBeforeItIsRead() {
    let text = "# " + String(repeating: "x", count: ConfigParser.maximumBytes) + "\n"
    #expect(
      ConfigTesting.syntaxError(text)
        == "test.toml: error[engine.config.too-large]: expected a configuration file of at most 1048576 bytes; found 1048579 bytes\n"
    )
  }

  @Test func nestingDeeperThanTheCapIsRefused() {
    let deep = "a = " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
    #expect(
      ConfigTesting.syntaxError(deep).hasPrefix("test.toml:1:37: error[engine.config.too-deep]")
    )
    let dotted = (0..<33).map { "k\($0)" }.joined(separator: ".") + " = 1\n"
    #expect(ConfigTesting.syntaxError(dotted).contains("error[engine.config.too-deep]"))
    let shallow =
      "a = " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32) + "\n"
    #expect(ConfigTesting.syntaxError(shallow) == "")
  }

  @Test func aByteOrderMarkIsRefusedAsTomllibRefusesIt() {
    #expect(
      ConfigTesting.syntaxError("\u{FEFF}a = 1\n").hasPrefix(
        "test.toml:1:1: error[engine.config.syntax]: expected TOML text; found a byte-order mark"
      )
    )
  }

  @Test func invalidUTF8IsRefusedAtItsByte() throws {
    var bytes = Array("a = \"ok\"\nb = \"".utf8)
    bytes += [0xFF, 0x22, 0x0A]
    do {
      _ = try ConfigParser.parse(SourceFile(path: "bad.toml", bytes: bytes))
      Issue.record("invalid UTF-8 was read")
    } catch {
      #expect(error.id == "engine.config.syntax")
      #expect(error.lineAndColumn?.line == 2 && error.lineAndColumn?.column == 6)
    }
  }
}
