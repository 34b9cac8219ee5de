import StratABI

/// The tick-to-trade kernel's order stage: each decision of a step, in program order, becomes
/// at most one OUCH 4.2 Enter Order. This is `DecisionTranslator`'s rule on the kernel's exact
/// integers, with what an FPGA on its own can know:
/// - quantities are the decision's whole units, rounded half away from zero
///   (`KernelRiskMath.wholeUnits`); a saturated one or one past 1e15 units is not sent;
/// - `target x = q` sends q − held, for the last target of the instrument in the step, where
///   held is the signed sum of the shares the kernel sent (it sees no fills: exact while every
///   order fills or stays working);
/// - a limit order goes out for the market hours (time in force 99998; 99999 would be system
///   hours, pre- and post-market too), an IOC as immediate
///   (0), at the decision's price in 1/10000 rounded half up; a price ≤ 0, saturated, or past
///   OUCH 4.2's $199,999.9900 is not sent;
/// - market and target orders go out as immediate (IOC) limit orders at the touch, the best ask
///   for a buy and the best bid for a sell, as last seen: OUCH 4.2 enters market orders only
///   into crosses; with that side of the book empty the order is not sent;
/// - cancel and replace name resting orders, which only an OMS tracks: not sent;
/// - zero quantities are skipped; more than 999,999 shares (OUCH 4.2's bound) are not sent.
/// Every decision not sent is counted by reason (`Unsent`), in the kernel as here.
public struct KernelOrders: Sendable {
  /// Why a decision left no order (the kernel's `orders_status` counters, in this order).
  public enum Unsent: Int, Error, Sendable, CaseIterable {
    case quantity, price, shares, noTouch, kind
    public var counter: String { ["bad_quantity", "bad_price", "bad_shares", "no_touch", "unsent_kind"][rawValue] }
  }

  public static let dayTimeInForce: UInt32 = 99_998
  public static let immediate: UInt32 = 0
  public static let largestShares: Int128 = 999_999
  /// $199,999.9900 in 1/10000.
  public static let largestPrice: Int128 = 1_999_999_900

  let plan: KernelPlan
  let backEnd: OUCHBackEnd
  /// The tick columns of each instrument's best bid and best ask price.
  let touchColumns: [(bid: Int?, ask: Int?)]
  var held: [Int128]
  var bid: [Int64]
  var ask: [Int64]
  public private(set) var token: UInt64 = 0
  public private(set) var unsent = Array(repeating: 0, count: Unsent.allCases.count)

  public init(plan: KernelPlan, backEnd: OUCHBackEnd) {
    self.plan = plan
    self.backEnd = backEnd
    touchColumns = Self.touchColumns(plan)
    let n = plan.module.instruments.count
    held = Array(repeating: 0, count: n)
    bid = Array(repeating: -1, count: n)
    ask = Array(repeating: -1, count: n)
  }

  static func touchColumns(_ plan: KernelPlan) -> [(bid: Int?, ask: Int?)] {
    plan.module.instruments.indices.map { i in
      (plan.inputs.firstIndex { $0.instrument == i && $0.field == .bidPrice(1) },
       plan.inputs.firstIndex { $0.instrument == i && $0.field == .askPrice(1) })
    }
  }

  /// Why the stage cannot order for this plan: a market or target order of an instrument whose
  /// bid or ask the strategy never reads has no touch to go out at.
  public static func refusal(_ plan: KernelPlan) -> String? {
    let touch = touchColumns(plan)
    for o in plan.outputs where o.kind == .market || o.kind == .target {
      guard touch[o.instrument].bid == nil || touch[o.instrument].ask == nil else { continue }
      let name = plan.module.instruments[o.instrument].name
      return "a \(o.kind == .market ? "market" : "target") order of `\(name)` goes out as an IOC at the touch (OUCH 4.2 takes market orders only into crosses), and the strategy reads no `\(name).bid` and `\(name).ask` to price it"
    }
    return nil
  }

  /// The orders of one step: `outputs` are `FixedExecutor.step(tick)`'s.
  public mutating func orders(_ outputs: [FixedExecutor.Output], _ tick: Tick) -> [OUCHEnterOrder] {
    for (i, c) in touchColumns.enumerated() where tick.updates[i] {
      if let b = c.bid { bid[i] = tick.values[b] }
      if let a = c.ask { ask[i] = tick.values[a] }
    }
    var sent: [OUCHEnterOrder] = []
    for (k, o) in outputs.enumerated() {
      let slot = plan.outputs[o.slot]
      if slot.kind == .target, outputs[(k + 1)...].contains(where: { plan.outputs[$0.slot].kind == .target && plan.outputs[$0.slot].instrument == slot.instrument }) {
        continue
      }
      switch order(o, slot) {
      case .success(let order?): sent.append(order)
      case .success(nil): break
      case .failure(let why): unsent[why.rawValue] += 1
      }
    }
    return sent
  }

  mutating func order(_ o: FixedExecutor.Output, _ slot: KernelOutput) -> Result<OUCHEnterOrder?, Unsent> {
    let i = slot.instrument
    if slot.kind == .cancel || slot.kind == .replace { return .failure(.kind) }
    guard !slot.quantity.isSaturated(o.quantity), let units = KernelRiskMath.wholeUnits(o.quantity, slot.quantity) else {
      return .failure(.quantity)
    }
    let q = slot.kind == .target ? units - held[i] : units
    if q == 0 { return .success(nil) }
    guard q.magnitude <= Self.largestShares.magnitude else { return .failure(.shares) }
    let price: Int128
    switch slot.kind {
    case .limit, .immediateOrCancel:
      guard let raw = o.price, let f = slot.price, raw > 0, !f.isSaturated(raw) else { return .failure(.price) }
      price = Int128(KernelRiskMath.rounded(raw.magnitude, scale: 10_000, fractionBits: f.fractionBits))
      guard price > 0, price <= Self.largestPrice else { return .failure(.price) }
    default:
      let touch = q > 0 ? ask[i] : bid[i]
      guard touch > 0 else { return .failure(.noTouch) }
      price = Int128(touch)
    }
    token += 1
    held[i] += q
    let tif = slot.kind == .limit ? Self.dayTimeInForce : Self.immediate
    return .success(backEnd.order(
      instrument: i, sell: q < 0, shares: UInt32(q.magnitude), price: UInt32(price), token: token, timeInForce: tif))
  }

  /// The OUCH bytes the kernel writes for `ticks`, and the counts of decisions not sent.
  public static func simulate(_ plan: KernelPlan, backEnd: OUCHBackEnd, _ ticks: [Tick]) -> (bytes: [UInt8], unsent: [Int]) {
    var executor = FixedExecutor(plan: plan)
    var stage = KernelOrders(plan: plan, backEnd: backEnd)
    var bytes: [UInt8] = []
    for tick in ticks {
      for order in stage.orders(executor.step(tick), tick) { bytes += order.bytes }
    }
    return (bytes, stage.unsent)
  }
}
