import StratIR
import Testing

@Suite struct IRPrinterTests {
  @Test func printsThePairsStrategyInTheDocumentedShape() {
    let expected = """
      strategy @pairs warmup 19
      instrument @a = "GLD"
      instrument @b = "GDX"
      param %lookback: i64 = 20
      param %entry: f64 = 2.0
      slot $spread.w: window<20>                 ; 200 bytes
      slot $side: i64 = 0                        ; 8 bytes
      risk max_position @a = 500.0
      risk order_rate 10 per 60000000000
      step {
        %a.close = field @a.close : f64
        %b.close = field @b.close : f64
        %spread = fsub %a.close, %b.close : f64
        push $spread.w, %spread
        %m = mean $spread.w : f64
        %v = vars $spread.w : f64
        %sd = sqrt %v : f64
        %d = fsub %spread, %m : f64
        %z = fdiv %d, %sd : f64
        %entry = param %entry : f64
        %go = fgt %z, %entry : bool
        %q = const -100.0 : f64
        target @a, %q if %go
        %one = const 1 : i64
        store $side, %one if %go
      }

      """
    #expect(IRPrinter.print(IRFixtures.pairs) == expected)
  }

  @Test(arguments: [
    (2.0, "2.0"), (-0.0, "-0.0"), (2.5e-5, "2.5e-05"), (1e20, "1e+20"), (0.1, "0.1"),
    (.leastNonzeroMagnitude, "5e-324"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    (-.nan, "-nan"),
    (Double(bitPattern: 0x7ff0_0000_0000_0001), "nan(0x7ff0000000000001)"),
  ])
  func spellsFloatsSoThatTheyReadBackBitForBit(value: Double, spelling: String) {
    #expect(IRPrinter.float(value) == spelling)
  }

  @Test func quotesNamesThatAreNotBare() {
    #expect(IRPrinter.name("spread.w_2") == "spread.w_2")
    #expect(IRPrinter.name("a b") == "\"a b\"")
    #expect(IRPrinter.name("") == "\"\"")
    #expect(IRPrinter.name("é") == "\"é\"")
    #expect(IRPrinter.quoted("q\"\\\n\r\t\u{1}") == "\"q\\\"\\\\\\n\\r\\t\\u{1}\"")
  }

  @Test func printsUnnamableReferencesByIndex() throws {
    var module = IRModule(name: "bad")
    module.step = [
      Instruction(op: .fadd, type: .f64, args: [7, -1]),
      Instruction(op: .lag, type: .f64, imm: .lag(slot: 3, k: 1)),
      Instruction(op: .seen, type: .bool, imm: .instrument(2)),
      Instruction(op: .param, type: .f64, imm: .param(4)),
    ]
    module.risk = [.maxPosition(instrument: 9, 1)]
    let text = IRPrinter.print(module)
    #expect(text.contains("  fadd %#7, %#-1 : f64\n"))
    #expect(text.contains("lag $#3, 1 : f64"))
    #expect(text.contains("seen @#2 : bool"))
    #expect(text.contains("param %#4 : f64"))
    #expect(text.contains("risk max_position @#9 = 1.0"))
    #expect(try IRParser.parse(text, path: "bad.ir").get() == module)
  }
}
