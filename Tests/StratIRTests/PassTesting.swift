import StratIR
import Testing

/// Helpers for before/after tests written in the IR text form.
enum PassTesting {
  /// Parses `text` (which must verify), applies `pass`, checks the result verifies, and returns
  /// its printed step (the lines between `step {` and `}`) and slot lines.
  static func apply(_ pass: (IRModule) -> IRModule, to text: String) throws -> String {
    let module = try IRParser.parse(text, path: "before.ir").get()
    #expect(IRVerifier.verify(module).map(\.message) == [], "before")
    let after = pass(module)
    #expect(IRVerifier.verify(after).map(\.message) == [], "after")
    return body(IRPrinter.print(after))
  }

  /// The slot lines and step of a printed module, without the header, instruments and params.
  static func body(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("strategy") && !$0.hasPrefix("instrument") && !$0.hasPrefix("param") }
      .joined(separator: "\n")
  }
}
