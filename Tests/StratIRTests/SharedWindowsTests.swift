import StratIR
import Testing

@Suite struct SharedWindowsTests {
  @Test func mergesBuffersWithTheSamePushes() throws {
    let before = """
      strategy @s warmup 0
      instrument @a = "A"
      instrument @b = "B"
      slot $w1: window<20>
      slot $w2: window<20>
      slot $w3: window<10>
      slot $w4: window<20>
      slot $p1: pair_window<5>
      slot $p2: pair_window<5>
      slot $e1: ema<5>
      slot $e2: ema<5>
      step {
        %x = field @a.close : f64
        %y = field @b.close : f64
        %ok = seen @a : bool
        push $w1, %x
        push $w2, %x
        push $w3, %x
        push $w4, %x if %ok
        push $p1, %x, %y
        push $p2, %x, %y
        %m2 = mean $w2 : f64
        %m1 = mean $w1 : f64
        %m3 = mean $w3 : f64
        %m4 = mean $w4 : f64
        %c2 = corr $p2 : f64
        %c1 = cov $p1 : f64
        push $e1, %x
        %r2 = ema $e2 : f64
        push $e2, %x
        %r1 = ema $e1 : f64
        limit @a, %m1, %m2
        limit @a, %m3, %m4
        limit @a, %c1, %c2
        limit @b, %r1, %r2
      }
      """
    let after = """
      slot $w1: window<20>                       ; 200 bytes
      slot $w3: window<10>                       ; 120 bytes
      slot $w4: window<20>                       ; 200 bytes
      slot $p1: pair_window<5>                   ; 152 bytes
      slot $e1: ema<5>                           ; 16 bytes
      slot $e2: ema<5>                           ; 16 bytes
      step {
        %x = field @a.close : f64
        %y = field @b.close : f64
        %ok = seen @a : bool
        push $w1, %x
        push $w3, %x
        push $w4, %x if %ok
        push $p1, %x, %y
        %m2 = mean $w1 : f64
        %m1 = mean $w1 : f64
        %m3 = mean $w3 : f64
        %m4 = mean $w4 : f64
        %c2 = corr $p1 : f64
        %c1 = cov $p1 : f64
        push $e1, %x
        %r2 = ema $e2 : f64
        push $e2, %x
        %r1 = ema $e1 : f64
        limit @a, %m1, %m2
        limit @a, %m3, %m4
        limit @a, %c1, %c2
        limit @b, %r1, %r2
      }

      """
    #expect(try PassTesting.apply(SharedWindows.run, to: before) == after)
  }

  @Test func keepsABufferWhoseReadWouldSeeAnExtraPush() throws {
    let before = """
      strategy @s warmup 0
      instrument @a = "A"
      slot $r1: ring<3>
      slot $r2: ring<3>
      step {
        %x = field @a.close : f64
        push $r1, %x
        %l2 = lag $r2, 0 : f64
        push $r2, %x
        %l1 = lag $r1, 0 : f64
        limit @a, %l1, %l2
      }
      """
    let module = try IRParser.parse(before, path: "s.ir").get()
    #expect(SharedWindows.run(module) == module)
  }

  @Test func leavesScalarsAlone() throws {
    let before = """
      strategy @s warmup 0
      instrument @a = "A"
      slot $v1: f64 = 0.0
      slot $v2: f64 = 0.0
      step {
        %x = field @a.close : f64
        store $v1, %x
        store $v2, %x
        %a = load $v1 : f64
        %b = load $v2 : f64
        limit @a, %a, %b
      }
      """
    let module = try IRParser.parse(before, path: "s.ir").get()
    #expect(SharedWindows.run(module) == module)
  }
}
