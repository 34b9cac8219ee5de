import Foundation
import StratDiagnostics
import StratIR
import Testing

/// A malformed text and the error it must give.
struct ParseErrorCase: Sendable, CustomTestStringConvertible {
  var label: String
  var text: String
  var line: Int
  var column: Int
  var id: String
  var message: String

  var testDescription: String { label }
}

@Suite struct IRParserTests {
  static let header = "strategy @p warmup 0\ninstrument @a = \"GLD\"\n"

  @Test func roundTripsTheModuleWithEveryOpcodeSlotKindAndImmediate() throws {
    let module = IRFixtures.everything
    #expect(IRVerifier.verify(module).map(\.id) == [])
    let text = IRPrinter.print(module)
    let parsed = try IRParser.parse(text, path: "every.ir").get()
    #expect(parsed == module)
    #expect(IRPrinter.print(parsed) == text)
    let ops = Set(module.step.map(\.op))
    #expect(ops == Set(Opcode.allCases))
    #expect(Set(module.step.map(\.imm.kind)) == Set(ImmediateKind.allCases))
  }

  @Test func roundTripsQuotedNamesAndOddConstants() throws {
    var b = IRBuilder(
      module: IRModule(
        name: "odd name",
        instruments: [IRInstrument(name: "x y", symbol: "A\u{7f}\t")],
        params: [IRParam(name: "p:1", value: .f64(-.nan))]
      )
    )
    _ = b.addSlot(Slot(name: "é", kind: .scalar(.f64, initial: .f64(.infinity))))
    let weird = Double(bitPattern: 0xfff0_0000_dead_beef)
    let k = b.constant(.f64(weird), name: "k k")
    let tiny = b.constant(.f64(-.leastNonzeroMagnitude), name: "tiny")
    let big = b.constant(.i64(.min), name: "min")
    b.emit(.field, .f64, imm: .field(instrument: 0, .open), name: "x y.open")
    b.emit(.param, .f64, imm: .param(0), name: "p")
    b.emit(.fadd, .f64, [k, tiny], name: "1.5")
    b.emit(.ineg, .i64, [big])
    b.effect(.store, [k], imm: .slot(0))
    let module = b.module
    let text = IRPrinter.print(module)
    #expect(text.contains("%\"k k\" = const nan(0xfff00000deadbeef) : f64"))
    #expect(text.contains("field @\"x y\".open"))
    let parsed = try IRParser.parse(text, path: "odd.ir").get()
    #expect(parsed == module)
    #expect(IRPrinter.print(parsed) == text)
  }

  @Test func ignoresCommentsBlankLinesAndSpacing() throws {
    let text = """
      ; a comment before the header

      strategy   @p   warmup 2   ; trailing comment
      slot $r: ring<4>
      step {
          %x = const 1.0 : f64   ; indented differently

        push $r, %x
      }
      """
    let module = try IRParser.parse(text, path: "c.ir").get()
    #expect(module.warmupSteps == 2)
    #expect(module.step.count == 2)
    #expect(module.step[1].args == [0])
  }

  @Test func acceptsDeclarationsInAnyOrderAndForwardReferences() throws {
    let text = """
      strategy @p warmup 0
      slot $s: f64 = 0.0
      instrument @a = "A"
      param %e: bool = true
      risk max_order_qty = 3.0
      step {
        %x = fadd %y, %y : f64
        %y = const 1.0 : f64
      }
      """
    let module = try IRParser.parse(text, path: "f.ir").get()
    #expect(module.step[0].args == [1, 1])
    #expect(IRVerifier.verify(module).map(\.id).contains("ir.verify.use-before-def"))
  }

  static let errorCases: [ParseErrorCase] = [
    ParseErrorCase(
      label: "empty input",
      text: "",
      line: 1,
      column: 1,
      id: "ir.parse.expected",
      message: "expected `strategy`, found end of input"
    ),
    ParseErrorCase(
      label: "name without sigil",
      text: "strategy pairs warmup 0\n",
      line: 1,
      column: 10,
      id: "ir.parse.expected",
      message: "expected a name such as `@pairs`, found `pairs`"
    ),
    ParseErrorCase(
      label: "warm-up not a number",
      text: "strategy @p warmup x\n",
      line: 1,
      column: 20,
      id: "ir.parse.expected",
      message: "expected the warm-up step count, found `x`"
    ),
    ParseErrorCase(
      label: "unknown type",
      text: header + "param %e: f32 = 2.0\n",
      line: 3,
      column: 11,
      id: "ir.parse.unknown-type",
      message: "expected one of `f64`, `i64`, `bool`, found `f32`"
    ),
    ParseErrorCase(
      label: "integer for a float",
      text: header + "param %e: f64 = 2\n",
      line: 3,
      column: 17,
      id: "ir.parse.literal-type",
      message: "expected a f64 literal such as `2.0`, found `2`"
    ),
    ParseErrorCase(
      label: "unterminated string",
      text: "strategy @p warmup 0\ninstrument @a = \"GLD\nstep {\n}\n",
      line: 2,
      column: 17,
      id: "ir.parse.unterminated-string",
      message: "expected a closing `\"` before the end of the line, found none"
    ),
    ParseErrorCase(
      label: "bad escape",
      text: "strategy @p warmup 0\ninstrument @a = \"G\\qD\"\n",
      line: 2,
      column: 19,
      id: "ir.parse.invalid-escape",
      message: "expected one of the escapes \\\" \\\\ \\n \\r \\t \\u{hex}, found `\\q`"
    ),
    ParseErrorCase(
      label: "unknown opcode",
      text: header + "step {\n  %x = fadd2 %a : f64\n}\n",
      line: 4,
      column: 8,
      id: "ir.parse.unknown-opcode",
      message: "expected an opcode, found `fadd2`"
    ),
    ParseErrorCase(
      label: "unknown value",
      text: header + "step {\n  %x = const 2.0 : f64\n  %y = fadd %x, %z : f64\n}\n",
      line: 5,
      column: 17,
      id: "ir.parse.unknown-name",
      message: "expected a declared value, found `%z`"
    ),
    ParseErrorCase(
      label: "duplicate value",
      text: header + "step {\n  %x = const 2.0 : f64\n  %x = const 3.0 : f64\n}\n",
      line: 5,
      column: 3,
      id: "ir.parse.duplicate-name",
      message: "expected a new name, found `%x` declared again"
    ),
    ParseErrorCase(
      label: "unclosed capacity",
      text: header + "slot $w: window<20\n",
      line: 3,
      column: 19,
      id: "ir.parse.expected",
      message: "expected `>`, found end of line"
    ),
    ParseErrorCase(
      label: "stray character",
      text: "strategy @p warmup 0 #\n",
      line: 1,
      column: 22,
      id: "ir.parse.invalid-character",
      message: "expected a name, literal, reference or one of `= : , { } < >`, found `#`"
    ),
    ParseErrorCase(
      label: "integer out of range",
      text: "strategy @p warmup 99999999999999999999\n",
      line: 1,
      column: 20,
      id: "ir.parse.number-out-of-range",
      message:
        "expected an i64 between -9223372036854775808 and 9223372036854775807, "
        + "found `99999999999999999999`"
    ),
    ParseErrorCase(
      label: "unknown field",
      text: header + "step {\n  %c = field @a.closing : f64\n}\n",
      line: 4,
      column: 17,
      id: "ir.parse.unknown-field",
      message: "expected an input field (such as close, last, position, bid_price_1), found `closing`"
    ),
    ParseErrorCase(
      label: "malformed number",
      text: header + "step {\n  %c = const 2.5x : f64\n}\n",
      line: 4,
      column: 14,
      id: "ir.parse.malformed-number",
      message: "expected a number such as `12`, `-2.5`, `1e-05`, `inf` or `nan`, found `2.5x`"
    ),
    ParseErrorCase(
      label: "missing closing brace",
      text: header + "step {\n  %c = time : i64\n",
      line: 5,
      column: 1,
      id: "ir.parse.expected",
      message: "expected an instruction such as `%x = fadd %a, %b : f64`, found end of input"
    ),
    ParseErrorCase(
      label: "text after the step",
      text: header + "step {\n}\nslot $x: ring<2>\n",
      line: 5,
      column: 1,
      id: "ir.parse.expected",
      message: "expected end of input after the step's `}`, found `slot`"
    ),
    ParseErrorCase(
      label: "two instructions on one line",
      text: header + "step {\n  %c = time : i64 %d = time : i64\n}\n",
      line: 4,
      column: 19,
      id: "ir.parse.expected",
      message: "expected end of line, found `%d`"
    ),
    ParseErrorCase(
      label: "immediate after a value",
      text: header + "slot $r: ring<2>\nstep {\n"
        + "  %c = const 1.0 : f64\n  push %c, $r\n}\n",
      line: 6,
      column: 12,
      id: "ir.parse.expected",
      message: "expected a value such as `%x`, found `$r`"
    ),
    ParseErrorCase(
      label: "unknown slot with a suggestion",
      text: header + "slot $spread: ring<2>\nstep {\n"
        + "  %c = lag $sprad, 1 : f64\n}\n",
      line: 5,
      column: 12,
      id: "ir.parse.unknown-name",
      message: "expected a declared slot, found `$sprad`"
    ),
    ParseErrorCase(
      label: "binary input",
      text: "\u{0}\u{1}\u{FF}strategy",
      line: 1,
      column: 1,
      id: "ir.parse.invalid-character",
      message:
        "expected a name, literal, reference or one of `= : , { } < >`, "
        + "found the control character U+0000"
    ),
    ParseErrorCase(
      label: "unknown risk limit",
      text: header + "risk max_loss = 1.0\n",
      line: 3,
      column: 6,
      id: "ir.parse.expected",
      message:
        "expected a risk limit (`max_position`, `max_order_qty`, `max_order_notional`, "
        + "`max_daily_loss`, `price_band`, `order_rate`), found `max_loss`"
    ),
  ]

  @Test(arguments: errorCases)
  func reportsWhereAndWhatWasExpected(_ errorCase: ParseErrorCase) {
    let result = IRParser.parse(errorCase.text, path: "bad.ir")
    guard case .failure(let diagnostic) = result else {
      Issue.record("parsed without error")
      return
    }
    #expect(diagnostic.id == errorCase.id)
    #expect(
      diagnostic.location
        == DataLocation(path: "bad.ir", line: errorCase.line, column: errorCase.column)
    )
    #expect(diagnostic.message == errorCase.message)
  }

  @Test func suggestsCloseNames() throws {
    let text = Self.header + "slot $spread: ring<2>\nstep {\n  %c = lag $sprad, 1 : f64\n}\n"
    guard case .failure(let diagnostic) = IRParser.parse(text, path: "s.ir") else {
      Issue.record("parsed without error")
      return
    }
    #expect(diagnostic.notes == ["did you mean `$spread`?"])
  }

  @Test func neverTrapsOnHugeOrOddInput() {
    var lines = [Self.header + "step {"]
    lines.append("  %v0 = const 1.0 : f64")
    for i in 1..<20_000 { lines.append("  %v\(i) = fadd %v\(i - 1), %v0 : f64") }
    lines.append("}")
    let huge = lines.joined(separator: "\n")
    #expect((try? IRParser.parse(huge, path: "h.ir").get())?.step.count == 20_000)
    let odd = [
      String(repeating: ",", count: 100_000), String(repeating: "{", count: 100_000),
      String(repeating: "\"", count: 10_001),
      "strategy @p warmup 0\nstep {\n  %x = " + String(repeating: "%x, ", count: 50_000),
      String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self),
      "strategy @\"\\u{110000}\" warmup 0", "strategy @#99999999999999999999999 warmup 0",
      "strategy @p warmup 0\nstep {\n  %x = const nan(0x0) : f64\n}",
      "strategy @p warmup 0\nstep {\n  %x = const -nanx : f64\n}",
      "strategy @p warmup 0\nstep {\n  %x = const 1e999 : f64\n}",
    ]
    for text in odd {
      if case .success = IRParser.parse(text, path: "odd.ir") {
        Issue.record("accepted \(text.prefix(30))")
      }
    }
  }
}
