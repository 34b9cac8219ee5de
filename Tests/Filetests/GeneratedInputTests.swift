import Foundation
import StratDiagnostics
import StratSema
import StratTestSupport
import Testing

/// Inputs too large or too strange to keep as case files: deep nesting, huge files, empty and
/// binary files. Each must end in diagnostics (or a module), never in a crash or a hang.
@Suite struct GeneratedInputTests {
  /// The shapes of a 200,000-level-deep expression.
  enum DeepShape: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case parentheses, negations, nots, lags, ifs, sums, calls

    var testDescription: String { rawValue }

    func expression(depth n: Int) -> String {
      switch self {
      case .parentheses:
        String(repeating: "(", count: n) + "a.close" + String(repeating: ")", count: n)
      case .negations: String(repeating: "-", count: n) + "a.close"
      case .nots: String(repeating: "not ", count: n) + "true"
      case .lags: String(repeating: "a.close[", count: n) + "1" + String(repeating: "]", count: n)
      case .ifs:
        String(repeating: "if true then ", count: n) + "1" + String(repeating: " else 2", count: n)
      case .sums: String(repeating: "a.close + ", count: n) + "a.close"
      case .calls:
        String(repeating: "abs(", count: n) + "a.close" + String(repeating: ")", count: n)
      }
    }
  }

  /// Compiles `text` on a big-stack thread; nil when it did not finish in `timeout` seconds.
  static func compile(_ text: String, timeout: TimeInterval = 120) -> Compiler.Result? {
    let file = SourceFile(path: "generated.strat", text: text)
    return BigStack.run(timeout: timeout) { Compiler.compile(file, params: [:], optimize: true) }
  }

  @Test(arguments: DeepShape.allCases)
  func deepNestingIsOneTooDeepErrorNotACrash(_ shape: DeepShape) throws {
    let text = """
      strategy deep
      instrument a = "A"
      let x = \(shape.expression(depth: 200_000))
      when a.close > 0 { flat a }

      """
    let result = try #require(Self.compile(text), "compiling \(shape) nesting did not finish")
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.contains { $0.id == "parse.too-deep" }, "\(errors.map(\.id))")
    #expect(result.module == nil)
    #expect(errors.count == 1, "\(errors.count) errors: \(Set(errors.map(\.id)).sorted())")
  }

  /// A rule whose `{` is not closed before the next declaration: one error, then the next
  /// declaration parses. Run by `stratc` in a child process, because the parser loops forever
  /// on it (and allocates a diagnostic per turn).
  @Test(
    .enabled(if: StratcProcess.binary != nil, "stratc is not built"),
    .serialized,
    arguments: ["let after = 1", "when b > 1 { flat }", "risk { max_order = 5 }"]
  )
  func ruleLeftOpenBeforeTheNextDeclarationIsOneError(next: String) throws {
    let text = "strategy s\ninstrument a = \"A\"\nwhen a.close > 1 { flat a\n\(next)\n"
    let outcome = try StratcProcess.check(text, timeout: 5)
    let finished = try #require(outcome, "stratc check did not finish within 5 s")
    #expect(!finished.crashed && finished.status == 1)
    #expect(
      finished.errors.contains(
        "error[parse.expected-symbol]: expected `}` to close the rule's actions; found keyword"
      )
    )
    #expect(
      finished.errors.components(separatedBy: "error[").count - 1 == 1,
      "\(finished.errors)"
    )
  }

  @Test func emptyFileReportsMissingStrategyOnly() {
    let result = Compiler.compile(SourceFile(path: "empty.strat", text: ""))
    #expect(result.diagnostics.map(\.id) == ["parse.missing-strategy"])
    #expect(result.diagnostics.first?.lineAndColumn?.line == 1)
    #expect(result.module == nil)
  }

  @Test func fileOfOnlyCommentsReportsMissingStrategy() {
    let result = Compiler.compile(
      SourceFile(path: "c.strat", text: "// nothing here\n\n// at all\n")
    )
    #expect(result.diagnostics.map(\.id) == ["parse.missing-strategy"])
  }

  /// Every byte value, then seeded random bytes: diagnostics with valid positions, renderable
  /// as text and JSON, and never more than the limit.
  @Test(arguments: [0, 1, 2, 3])
  func binaryBytesEndInDiagnostics(seed: UInt64) throws {
    var bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
    var random = SplitMix64(seed: seed)
    bytes += (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    let file = SourceFile(path: "binary.strat", bytes: bytes)
    let result = try #require(
      BigStack.run(timeout: 120) { Compiler.compile(file, params: [:], optimize: true) }
    )
    #expect(result.hasErrors)
    #expect(result.module == nil)
    #expect(result.diagnostics.count <= Compiler.diagnosticLimit + 1)
    for diagnostic in result.diagnostics {
      if let (line, column) = diagnostic.lineAndColumn {
        #expect(line >= 1 && line <= file.lineStarts.count && column >= 1)
      }
      #expect(!DiagnosticRenderer.text(diagnostic).isEmpty)
      let json = Data(DiagnosticRenderer.json(diagnostic).utf8)
      #expect((try? JSONSerialization.jsonObject(with: json)) != nil, "not JSON: \(diagnostic.id)")
    }
  }

  /// About 5 MB of ordinary declarations (about 30,000 lets and 30,000 rules), compiled by
  /// `stratc` in a child process that is stopped after five minutes (12 s in a debug build alone).
  @Test(.enabled(if: StratcProcess.binary != nil, "stratc is not built"))
  func fiveMegabyteFileCompilesWithoutHanging() throws {
    var text = "strategy big\ninstrument a = \"A\"\ninstrument b = \"B\"\n"
    var index = 0
    while text.utf8.count < 5_000_000 {
      text +=
        "let v\(index) = log(a.close / b.close) * \(index % 7 + 1).5 - sma(a.open, \(index % 5 + 2)) / a.open\n"
      text +=
        "when v\(index) > \(index % 3) and a.volume > \(index) { target a = \(index % 100) }\n"
      index += 1
    }
    let outcome = try StratcProcess.check(text, timeout: 300)
    #expect(outcome != nil, "stratc check did not finish a 5 MB file within five minutes")
    #expect(outcome?.status == 0)
  }

  /// Lines of a million bytes: a long comment, a long name and a long string.
  @Test func veryLongLinesCompile() throws {
    let long = String(repeating: "x", count: 1_000_000)
    let text = """
      strategy long_lines
      // \(long)
      instrument a = "\(long)"
      let \(long) = a.close
      when \(long) > 0 { flat a }

      """
    let result = try #require(Self.compile(text))
    #expect(!result.hasErrors, "\(result.diagnostics.map(\.id))")
  }

  /// Thirty lets, each the sum of two uses of the one before: compiling must not visit the let
  /// graph once per path (2³⁰ paths). Compiled by `stratc`, stopped after 20 seconds.
  @Test(.enabled(if: StratcProcess.binary != nil, "stratc is not built"))
  func letGraphWithSharedSubexpressionsCompilesQuickly() throws {
    var text = "strategy dag\ninstrument a = \"A\"\nlet v0 = a.close\n"
    for i in 1..<30 { text += "let v\(i) = v\(i - 1) + v\(i - 1)\n" }
    text += "when v29 > 0 { flat a }\n"
    let outcome = try StratcProcess.check(text, timeout: 20)
    let finished = try #require(outcome, "30 lets did not compile within 20 s")
    #expect(finished.status == 0)
  }

  /// A chain of 5,000 lets, each reading the one before, compiled by `stratc` itself (whose
  /// main thread has the usual 8 MiB stack): a crash would end this test process otherwise.
  @Test(.enabled(if: StratcProcess.binary != nil, "stratc is not built"))
  func longLetChainDoesNotCrashStratc() throws {
    var text = "strategy chain\ninstrument a = \"A\"\nlet v0 = a.close\n"
    for i in 1..<5_000 { text += "let v\(i) = v\(i - 1) + a.close\n" }
    text += "when v4999 > 0 { flat a }\n"
    let outcome = try #require(try StratcProcess.check(text))
    #expect(!outcome.crashed, "stratc crashed")
    #expect(outcome.status == 0)
  }
}
