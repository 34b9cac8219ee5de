import StratIR
import Testing

@Suite struct PipelineTests {
  static let redundant = """
    strategy @p warmup 4
    instrument @a = "A"
    param %n: f64 = 2.0
    slot $wa: window<5>
    slot $wb: window<5>
    slot $dead: ring<3>
    slot $side: f64 = 0.0
    step {
      %x = field @a.close : f64
      %y = field @a.close : f64
      %two = const 2.0 : f64
      %half = const 0.5 : f64
      %one = fmul %two, %half : f64
      %k = fmul %one, %x : f64
      push $wa, %x
      push $wb, %y
      push $dead, %k
      %ma = mean $wa : f64
      %mb = mean $wb : f64
      %d = fsub %ma, %mb : f64
      %n = param %n : f64
      %hi = fgt %d, %n : bool
      %never = flt %two, %half : bool
      store $side, %d if %never
      %s = load $side : f64
      target @a, %s if %hi
    }
    """

  @Test func optimizesToAFixedPoint() throws {
    let after = """
      slot $wa: window<5>                        ; 80 bytes
      slot $side: f64 = 0.0                      ; 8 bytes
      step {
        %x = field @a.close : f64
        push $wa, %x
        %ma = mean $wa : f64
        %d = fsub %ma, %ma : f64
        %n = param %n : f64
        %hi = fgt %d, %n : bool
        %s = load $side : f64
        target @a, %s if %hi
      }

      """
    #expect(try PassTesting.apply(PassPipeline.optimize, to: Self.redundant) == after)
  }

  @Test func isIdempotent() throws {
    for module in [try IRParser.parse(Self.redundant, path: "p.ir").get(), IRFixtures.everything] {
      let once = PassPipeline.optimize(module)
      #expect(PassPipeline.optimize(once) == once)
      #expect(IRVerifier.verify(once).map(\.message) == [])
    }
  }

  @Test func runsThePassesInAFixedOrder() {
    #expect(PassPipeline.passes.map(\.name) == ["fold", "cse", "share-windows", "dce"])
  }
}
