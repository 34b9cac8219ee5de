import StratIR
import Testing

@Suite struct DeadCodeTests {
  @Test func removesUnusedValuesAndUnreadSlotsWithTheirWrites() throws {
    let before = """
      strategy @d warmup 0
      instrument @a = "A"
      slot $used: ring<3>
      slot $unused: window<5>
      slot $s: i64 = 0
      step {
        %x = field @a.close : f64
        %y = fmul %x, %x : f64
        %dead = fadd %x, %x : f64
        %t = time : i64
        push $used, %x
        push $unused, %y
        store $s, %t
        %m = mean $unused : f64
        %l = lag $used, 2 : f64
        target @a, %l
      }
      """
    let after = """
      slot $used: ring<3>                        ; 40 bytes
      step {
        %x = field @a.close : f64
        push $used, %x
        %l = lag $used, 2 : f64
        target @a, %l
      }

      """
    #expect(try PassTesting.apply(DeadCodeElimination.run, to: before) == after)
  }

  @Test func renumbersValuesAndSlotsAndKeepsNames() throws {
    let before = """
      strategy @d warmup 0
      instrument @a = "A"
      slot $gone: ema<2>
      slot $kept: f64 = 1.5
      step {
        %unused = const 1.0 : f64
        %x = field @a.close : f64
        store $kept, %x
        %v = load $kept : f64
        market @a, %v
      }
      """
    let module = try IRParser.parse(before, path: "d.ir").get()
    let after = DeadCodeElimination.run(module)
    #expect(after.slots.map(\.name) == ["kept"])
    #expect(after.step.map(\.name) == ["x", "", "v", ""])
    #expect(after.step[1].args == [0])
    #expect(after.step[1].imm == .slot(0))
    #expect(after.step[2].imm == .slot(0))
    #expect(after.step[3].args == [2])
  }

  @Test func removingInstructionsFollowsReplacementChains() {
    var module = IRModule(name: "r", instruments: [IRInstrument(name: "a", symbol: "A")])
    module.step = [
      Instruction(name: "a", op: .const, type: .f64, imm: .constant(.f64(1))),
      Instruction(name: "b", op: .const, type: .f64, imm: .constant(.f64(1))),
      Instruction(name: "c", op: .const, type: .f64, imm: .constant(.f64(1))),
      Instruction(op: .market, type: nil, args: [2], imm: .instrument(0)),
    ]
    let after = module.removingInstructions([1, 2], replacing: [2: 1, 1: 0])
    #expect(after.step.count == 2)
    #expect(after.step[1].args == [0])
  }
}
