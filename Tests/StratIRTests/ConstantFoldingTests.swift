import Foundation
import StratIR
import Testing

@Suite struct ConstantFoldingTests {
  @Test func foldsArithmeticComparisonsSelectsAndPredicates() throws {
    let before = """
      strategy @f warmup 0
      instrument @a = "A"
      param %e: f64 = 2.0
      slot $r: ring<4>
      step {
        %two = const 2.0 : f64
        %three = const 3.0 : f64
        %six = fmul %two, %three : f64
        %root = sqrt %six : f64
        %small = flt %six, %two : bool
        %n = const 7 : i64
        %z = const 0 : i64
        %q = idiv %n, %z : i64
        %x = itof %q : f64
        %p = param %e : f64
        %y = fadd %p, %six : f64
        %c = field @a.close : f64
        %s = select %small, %c, %y : f64
        %ok = not %small : bool
        push $r, %s if %small
        push $r, %root if %ok
        %both = and %ok, %small : bool
        %either = or %small, %ok : bool
        %l = lag $r, 0 : f64
        target @a, %l if %either
        market @a, %s if %both
        limit @a, %x, %y
      }
      """
    let after = """
      slot $r: ring<4>                           ; 48 bytes
      step {
        %two = const 2.0 : f64
        %three = const 3.0 : f64
        %six = const 6.0 : f64
        %root = const 2.449489742783178 : f64
        %small = const false : bool
        %n = const 7 : i64
        %z = const 0 : i64
        %q = const 0 : i64
        %x = const 0.0 : f64
        %p = param %e : f64
        %y = fadd %p, %six : f64
        %c = field @a.close : f64
        %ok = const true : bool
        push $r, %root
        %both = const false : bool
        %either = const true : bool
        %l = lag $r, 0 : f64
        target @a, %l
        limit @a, %x, %y
      }

      """
    #expect(try PassTesting.apply(ConstantFolding.run, to: before) == after)
  }

  @Test func simplifiesLogicWithOneConstantOperand() throws {
    let before = """
      strategy @f warmup 0
      instrument @a = "A"
      step {
        %t = const true : bool
        %f = const false : bool
        %s = seen @a : bool
        %x = and %s, %t : bool
        %y = or %f, %x : bool
        %z = and %y, %f : bool
        %w = or %s, %s : bool
        %q = field @a.close : f64
        %v = select %w, %q, %q : f64
        target @a, %v if %y
        market @a, %v if %z
      }
      """
    let after = """
      step {
        %t = const true : bool
        %f = const false : bool
        %s = seen @a : bool
        %z = const false : bool
        %q = field @a.close : f64
        target @a, %q if %s
      }

      """
    #expect(try PassTesting.apply(ConstantFolding.run, to: before) == after)
  }

  @Test(arguments: [0.0, -0.0, 1e-300, 0.5, 2.5, -2.5, 3.0, 1e300, .infinity, -7.25, .nan])
  func foldsMathWithTheCLibrary(_ x: Double) {
    func folded(_ op: Opcode, _ args: [Double]) -> UInt64? {
      guard case .f64(let r)? = ConstantFolding.evaluate(op, args.map { .f64($0) }) else {
        return nil
      }
      return r.bitPattern
    }
    #expect(folded(.log, [x]) == Foundation.log(x).bitPattern)
    #expect(folded(.exp, [x]) == Foundation.exp(x).bitPattern)
    #expect(folded(.sqrt, [x]) == Foundation.sqrt(x).bitPattern)
    #expect(folded(.abs, [x]) == Foundation.fabs(x).bitPattern)
    #expect(folded(.round, [x]) == Foundation.round(x).bitPattern)
    #expect(folded(.fmin, [x, 1]) == (x < 1 || (1.0).isNaN ? x : 1).bitPattern)
    #expect(folded(.fmax, [1, x]) == (1 > x || x.isNaN ? 1 : x).bitPattern)
    #expect(folded(.fdiv, [x, 3]) == (x / 3).bitPattern)
  }

  @Test func foldsEdgeCasesAsTheOpcodeTableSays() {
    #expect(ConstantFolding.evaluate(.idiv, [.i64(.min), .i64(-1)]) == .i64(.min))
    #expect(ConstantFolding.evaluate(.irem, [.i64(.min), .i64(-1)]) == .i64(0))
    #expect(ConstantFolding.evaluate(.irem, [.i64(7), .i64(0)]) == .i64(0))
    #expect(ConstantFolding.evaluate(.iadd, [.i64(.max), .i64(1)]) == .i64(.min))
    #expect(ConstantFolding.evaluate(.ineg, [.i64(.min)]) == .i64(.min))
    #expect(ConstantFolding.evaluate(.ftoi, [.f64(.nan)]) == .i64(0))
    #expect(ConstantFolding.evaluate(.ftoi, [.f64(1e19)]) == .i64(.max))
    #expect(ConstantFolding.evaluate(.ftoi, [.f64(-1e19)]) == .i64(.min))
    #expect(ConstantFolding.evaluate(.ftoi, [.f64(-2.9)]) == .i64(-2))
    #expect(ConstantFolding.evaluate(.round, [.f64(-2.5)]) == .f64(-3))
    #expect(ConstantFolding.evaluate(.sign, [.f64(-0.0)]) == .f64(0))
    #expect(ConstantFolding.evaluate(.sign, [.f64(-3)]) == .f64(-1))
    #expect(ConstantFolding.evaluate(.sign, [.f64(.nan)]) == .f64(.nan))
    #expect(ConstantFolding.evaluate(.fne, [.f64(.nan), .f64(.nan)]) == .bool(true))
    #expect(ConstantFolding.evaluate(.feq, [.f64(.nan), .f64(.nan)]) == .bool(false))
    #expect(ConstantFolding.evaluate(.fneg, [.f64(0)]) == .f64(-0.0))
    #expect(ConstantFolding.evaluate(.itof, [.i64(1 << 53 + 1)]) == .f64(9007199254740992))
    #expect(ConstantFolding.evaluate(.fadd, [.f64(1), .i64(1)]) == nil)
    // Ties go to the second operand, two NaNs to the first (compare-and-select, not libm).
    #expect(ConstantFolding.evaluate(.fmin, [.f64(0), .f64(-0.0)]) == .f64(-0.0))
    #expect(ConstantFolding.evaluate(.fmax, [.f64(.nan), .f64(-.nan)]) == .f64(.nan))
    #expect(ConstantFolding.evaluate(.fmin, [.f64(-0.0), .f64(-0.0)]) == .f64(-0.0))
    #expect(ConstantFolding.evaluate(.fmax, [.f64(.nan), .f64(2)]) == .f64(2))
  }
}
