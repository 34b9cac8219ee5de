import StratIR
import Testing

@Suite struct CommonSubexpressionTests {
  @Test func mergesRepeatsButNotReadsAcrossWrites() throws {
    let before = """
      strategy @c warmup 0
      instrument @a = "A"
      slot $v: f64 = 0.0
      slot $w: window<3>
      step {
        %a = field @a.close : f64
        %b = field @a.close : f64
        %s1 = fadd %a, %b : f64
        %s2 = fadd %a, %b : f64
        %l1 = load $v : f64
        %l2 = load $v : f64
        store $v, %s1
        %l3 = load $v : f64
        %m1 = mean $w : f64
        push $w, %l3
        %m2 = mean $w : f64
        %m3 = mean $w : f64
        %z = const 0.0 : f64
        %nz = const -0.0 : f64
        %z2 = const 0.0 : f64
        %d = fsub %s2, %l2 : f64
        %e = fadd %m1, %m3 : f64
        limit @a, %d, %e
        market @a, %z2
        target @a, %nz
      }
      """
    let after = """
      slot $v: f64 = 0.0                         ; 8 bytes
      slot $w: window<3>                         ; 64 bytes
      step {
        %a = field @a.close : f64
        %s1 = fadd %a, %a : f64
        %l1 = load $v : f64
        store $v, %s1
        %l3 = load $v : f64
        %m1 = mean $w : f64
        push $w, %l3
        %m2 = mean $w : f64
        %z = const 0.0 : f64
        %nz = const -0.0 : f64
        %d = fsub %s1, %l1 : f64
        %e = fadd %m1, %m2 : f64
        limit @a, %d, %e
        market @a, %z
        target @a, %nz
      }

      """
    #expect(try PassTesting.apply(CommonSubexpressionElimination.run, to: before) == after)
  }

  @Test func keepsRepeatedEffects() throws {
    let before = """
      strategy @c warmup 0
      instrument @a = "A"
      slot $r: ring<2>
      step {
        %x = field @a.close : f64
        push $r, %x
        push $r, %x
        %l = lag $r, 1 : f64
        target @a, %l
        target @a, %l
      }
      """
    let module = try IRParser.parse(before, path: "c.ir").get()
    #expect(CommonSubexpressionElimination.run(module) == module)
  }
}
