import Foundation
import StratDiagnostics
import StratSema
import Testing

/// The front end's limits (Grammar/REFERENCE.md, "Limits") on inputs too large to keep as case
/// files. Each compiles on a thread with the stack `stratc`'s main thread has, so that a pass
/// that recursed too deeply would crash here as it would in the CLI.
@Suite struct LimitTests {
  static func compile(_ text: String) -> Compiler.Result? {
    let file = SourceFile(path: "generated.strat", text: text)
    return BigStack.run(timeout: 300, stackSize: BigStack.mainThreadStackSize) {
      Compiler.compile(file, params: [:], optimize: true)
    }
  }

  static func errors(_ result: Compiler.Result) -> [Diagnostic] {
    result.diagnostics.filter { $0.severity == .error }
  }

  static let header = "strategy s\ninstrument a = \"SPY\"\n"

  /// A chain of operators is as tall as it is long; the tallest the parser accepts compiles
  /// (and lowers and optimises) on a normal stack.
  @Test func tallestAcceptedChainCompiles() throws {
    let terms = Limits.maximumHeight - 2  // the root's operand `a.close` is two tall
    let sum = Array(repeating: "a.close", count: terms).joined(separator: " + ")
    let result = try #require(Self.compile(Self.header + "let s = \(sum)\nwhen s > 0 { flat a }\n"))
    #expect(Self.errors(result).isEmpty, "\(Self.errors(result).map(\.message))")
    #expect(result.module != nil)
  }

  /// A flat sum of 1,000 terms is a chain, not a nesting: it compiles (it used to be "nested
  /// more than 256 levels deep").
  @Test func flatSumOfAThousandTermsCompiles() throws {
    let sum = Array(repeating: "a.close", count: 1000).joined(separator: " + ")
    let result = try #require(Self.compile(Self.header + "let s = \(sum)\nwhen s > 0 { flat a }\n"))
    #expect(Self.errors(result).isEmpty, "\(Self.errors(result).map(\.message))")
    #expect(result.module != nil)
  }

  @Test func chainTallerThanTheLimitIsOneLocatedError() throws {
    let sum = Array(repeating: "a.close", count: Limits.maximumHeight + 10).joined(separator: " + ")
    let result = try #require(Self.compile(Self.header + "let s = \(sum)\nwhen a.close > 0 { flat a }\n"))
    let errors = Self.errors(result)
    #expect(errors.map(\.id) == ["parse.too-deep"])
    #expect(errors.first?.message.hasPrefix("this expression is more than 1024 operations deep") == true)
    #expect(errors.first?.lineAndColumn?.line == 3)
  }

  /// A thousand nested parentheses: the nesting error, located, on a normal stack.
  @Test func thousandNestedParenthesesIsTheNestingError() throws {
    let deep = String(repeating: "(", count: 1000) + "a.close" + String(repeating: ")", count: 1000)
    let result = try #require(Self.compile(Self.header + "let s = \(deep)\nwhen s > 0 { flat a }\n"))
    let errors = Self.errors(result)
    #expect(errors.map(\.id) == ["parse.too-deep"])
    #expect(errors.first?.message.hasPrefix("this expression is nested more than 256 levels deep") == true)
    #expect(errors.first?.lineAndColumn?.line == 3)
    #expect(errors.first?.lineAndColumn?.column == 9 + Limits.maximumNesting)
  }

  /// 20,000 functions, each calling the one before: checked in call order (no recursion per
  /// function), and what inlining adds is capped at the call that passes the limit.
  @Test func longFunctionChainStopsAtTheExpansionLimit() throws {
    var text = Self.header + "fn f0(x: Float) -> Float = x + 1.0\n"
    for i in 1..<20_000 { text += "fn f\(i)(x: Float) -> Float = f\(i - 1)(x) + 1.0\n" }
    text += "let y = f19999(a.close / a.open)\nwhen y > 0 { flat a }\n"
    let result = try #require(Self.compile(text))
    let errors = Self.errors(result)
    #expect(errors.map(\.id) == ["limits.expansion"])
    // f_i's body inlines f_(i-1), of 2i + 1 nodes; the sum passes 10^6 in f999's call in f1000.
    #expect(errors.first?.lineAndColumn?.line == 3 + 1000)
    #expect(errors.first?.message.hasPrefix("inlining `f999` here (2001 operations)") == true)
  }

  /// Declared in reverse order, the chain is still checked callee first, never recursively.
  @Test func functionChainDeclaredBackwardsDoesNotRecurse() throws {
    var text = Self.header + "let y = f0(a.close / a.open)\nwhen y > 0 { flat a }\n"
    for i in 0..<5_000 { text += "fn f\(i)(x: Float) -> Float = f\(i + 1)(x)\n" }
    text += "fn f5000(x: Float) -> Float = x\n"
    let result = try #require(Self.compile(text))
    #expect(Self.errors(result).isEmpty, "\(Self.errors(result).map(\.message))")
  }

  /// The C ABI's descriptor reader accepts 65,536 instruments; the front end refuses more, at
  /// the first one past the limit (65,537 used to pass `check` and fail in native code).
  @Test func instrumentsPastTheLimitAreOneLocatedError() throws {
    var text = "strategy s\n"
    for i in 0...Limits.maximumInstruments { text += "instrument i\(i) = \"S\(i)\"\n" }
    text += "when i0.close > 0 { flat i0 }\n"
    let result = try #require(Self.compile(text))
    let errors = Self.errors(result)
    #expect(errors.map(\.id) == ["limits.count"])
    #expect(errors.first?.message == "a strategy has at most 65536 instruments; this goes past that")
    #expect(errors.first?.lineAndColumn?.line == 2 + Limits.maximumInstruments)
  }

  @Test func instrumentsAtTheLimitCompile() throws {
    var text = "strategy s\n"
    for i in 0..<Limits.maximumInstruments { text += "instrument i\(i) = \"S\(i)\"\n" }
    text += "when i0.close > 0 { target i0 = 1 }\n"
    let result = try #require(Self.compile(text))
    #expect(Self.errors(result).isEmpty)
    #expect(result.module?.instruments.count == Limits.maximumInstruments)
  }

  @Test func parametersPastTheLimitAreOneLocatedError() throws {
    // Each parameter reads the one before, so none is unused (50 warnings would hide the error).
    var text = Self.header + "param p0: Int = 1\n"
    for i in 1...Limits.maximumParams { text += "param p\(i): Int = p\(i - 1)\n" }
    text += "when a.close > 0 { target a = p\(Limits.maximumParams - 1) }\n"
    let result = try #require(Self.compile(text))
    let errors = Self.errors(result)
    #expect(errors.map(\.id) == ["limits.count"])
    #expect(errors.first?.lineAndColumn?.line == 3 + Limits.maximumParams)
  }
}
