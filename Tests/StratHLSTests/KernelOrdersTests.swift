import StratABI
import StratFixed
import StratHLS
import StratMarket
import StratRuntime
import Testing

/// The tick-to-trade kernel's order stage (`KernelOrders`) is the CPU's one decision-to-order
/// rule (`DecisionTranslator`) with held = the shares the kernel sent, and sends each order as
/// OUCH 4.2 can take it: limit for the day, IOC immediate, market and target as an IOC at the
/// touch; cancels and what OUCH cannot carry are counted, never sent.
@Suite struct KernelOrdersTests {
  static let source = """
    strategy orders
    instrument a = "A"
    param lot: Qty = 100
    let fair = ema(a.mid, 4)
    when a.mid > fair + 0.0051 { buy a lot limit a.bid }
    when a.mid < fair - 0.0051 { sell a lot limit a.ask ioc }
    when a.imbalance > 0.40001 { buy a 50 }
    when a.imbalance < -0.40001 { target a = 0 }
    when a.spread > 0.03005 { target a = 300  target a = -200 }
    when a.spread < 0.01005 { cancel a }
    when a.bid_size > 4500 { buy a 10 }
    """

  /// An order as the test expects it: side, shares, price (1/10000), time in force.
  struct Expected: Equatable, CustomStringConvertible {
    var sell: Bool, shares: UInt32, price: UInt32, timeInForce: UInt32
    var description: String { "\(sell ? "S" : "B") \(shares) @\(price) tif \(timeInForce)" }
  }

  static func decision(_ o: FixedExecutor.Output, _ plan: KernelPlan) -> Decision {
    let slot = plan.outputs[o.slot]
    func real(_ raw: Int128, _ f: FixedFormat) -> Double { Double(raw) * pow2(-f.fractionBits) }
    return Decision(
      kind: slot.kind, instrument: Int32(slot.instrument), quantity: real(o.quantity, slot.quantity),
      price: slot.price.map { real(o.price!, $0) } ?? .nan)
  }

  static func pow2(_ n: Int) -> Double { n >= 0 ? Double(sign: .plus, exponent: n, significand: 1) : 1 / pow2(-n) }

  @Test func theOrdersAreTheDecisionTranslatorsWithHeldTheSharesSent() throws {
    let plan = try KernelHarness.plan(KernelHarness.module(Self.source))
    let bidColumn = try #require(plan.inputs.firstIndex { $0.field == .bidPrice(1) })
    let askColumn = try #require(plan.inputs.firstIndex { $0.field == .askPrice(1) })
    var executor = FixedExecutor(plan: plan)
    var stage = KernelOrders(plan: plan, backEnd: try OUCHBackEnd(symbols: ["A"]))
    var translator = DecisionTranslator(instrumentCount: 1)
    var held: Int64 = 0
    var touch = (bid: Int64(-1), ask: Int64(-1))
    var (sent, unsentKind, noTouch) = (0, 0, 0)
    var kinds = Set<UInt32>()
    for tick in TickFile.synthetic(plan) {
      touch = (tick.values[bidColumn], tick.values[askColumn])
      let outputs = executor.step(tick)
      let got = stage.orders(outputs, tick).map {
        Expected(sell: $0.side == 0x53, shares: $0.shares, price: $0.price, timeInForce: $0.timeInForce)
      }
      let decisions = outputs.map { Self.decision($0, plan) }
      var expected: [Expected] = []
      decisions.withUnsafeBufferPointer { buffer in
        translator.begin(buffer, count: buffer.count)
        for (k, d) in buffer.enumerated() {
          switch translator.intent(d, index: k, time: tick.time, step: 0, held: { _ in held }) {
          case .order(let r):
            let price: Int64
            if let limit = r.limit {
              #expect(limit.raw % 10_000 == 0, "a limit on the book's grid")
              price = limit.raw / 10_000
            } else {
              price = r.quantity > 0 ? touch.ask : touch.bid
            }
            guard price > 0 else { noTouch += 1; continue }
            held += r.quantity
            let tif = d.kind == .limit ? KernelOrders.dayTimeInForce : KernelOrders.immediate
            expected.append(Expected(sell: r.quantity < 0, shares: UInt32(r.quantity.magnitude), price: UInt32(price), timeInForce: tif))
          case .cancel, .replace: unsentKind += 1
          case .skip: break
          case .reject(let r, let why): Issue.record("rejected \(r): \(why)")
          }
        }
        translator.end(buffer, count: buffer.count)
      }
      #expect(got == expected, "at \(tick.time)")
      sent += got.count
      kinds.formUnion(got.map(\.timeInForce))
    }
    #expect(sent > 50 && kinds == [0, 99_998], "every kind must be ordered, or the check proves little")
    #expect(unsentKind > 0 && noTouch > 0)
    #expect(stage.unsent[KernelOrders.Unsent.kind.rawValue] == unsentKind)
    #expect(stage.unsent[KernelOrders.Unsent.noTouch.rawValue] == noTouch)
    #expect(stage.token == UInt64(sent))
  }

  @Test func aMarketOrderWithNoTouchToPriceItIsRefusedAtEmit() throws {
    let plan = try KernelHarness.plan(KernelHarness.module("""
      strategy m
      instrument a = "A"
      when a.bid_size > 100 { buy a 1 }
      """))
    let refusal = try #require(ITCHKernel.refusal(plan))
    #expect(refusal.contains("goes out as an IOC at the touch") && refusal.contains("`a.ask`"), "\(refusal)")
  }
}
