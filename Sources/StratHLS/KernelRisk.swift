import StratABI
import StratDiagnostics
import StratIR
import StratRuntime

/// The strategy's `risk` block as the kernel checks it: the CPU's own limit table
/// (`RiskLimitTable`: whole units, money and rates in 1e-8), so the kernel denies exactly what
/// the backtester's `RiskGate` denies on the same orders. The kernel cannot see fills, so it
/// holds what it sent: position + open quantity of an instrument = Σ of the orders it sent
/// (exact when every order fills or stays working, as market and target orders on bars do).
/// The daily loss limit needs marked-to-market equity, which only the OMS has: it is refused.
public struct KernelRiskPlan: Sendable, Equatable {
  /// Largest |held + order| per instrument, `Int64.max` = none, −1 = nothing may be held.
  public var maxPosition: [Int64]
  public var maxOrderQuantity: Int64
  /// Largest |quantity| × reference, in 1e-8.
  public var maxOrderNotional: Int64?
  /// Largest |price − reference| ÷ reference, in 1e-8.
  public var priceBand: Int64?
  /// Most orders sent in any window of `windowNanos` (a ring of send times).
  public var maxOrders: Int?
  public var windowNanos: Int64
  /// The tick column of each instrument's close: the reference price, in ticks.
  public var closeColumn: [Int]

  /// The order-rate ring's largest size: a BRAM of send times.
  public static let largestRateWindow = 4096

  /// Tick units (1e-4) to the CPU's 1e-8.
  public static let tickToRaw: Int64 = 10_000

  init(_ table: RiskLimitTable, closeColumn: [Int]) {
    maxPosition = table.maxPosition
    maxOrderQuantity = table.maxOrderQuantity
    maxOrderNotional = table.maxOrderNotional?.raw
    priceBand = table.priceBand?.raw
    maxOrders = table.maxOrders
    windowNanos = table.orderRateWindowNanos
    self.closeColumn = closeColumn
  }

  /// The denial codes the kernel can emit, numbered as the output records number them (1…).
  public static let codes: [RiskDenial.Code] = [
    .invalidQuantity, .invalidPrice, .noReferencePrice, .overflow, .orderRate, .maxOrderQuantity,
    .maxOrderNotional, .priceBand, .maxPosition,
  ]

  public static func number(_ code: RiskDenial.Code) -> Int { codes.firstIndex(of: code)! + 1 }
}

extension KernelPlanner {
  /// The risk plan of a module with a `risk` block (nil without one), or the refusals.
  func riskPlan(inputs: [KernelInput]) -> KernelRiskPlan? {
    guard !module.risk.isEmpty, let limits = try? StrategyInterface(module: module).risk else { return nil }
    let table = RiskLimitTable(limits, instrumentCount: module.instruments.count)
    let close = module.instruments.indices.map { i in
      inputs.firstIndex { $0.instrument == i && $0.field == .close } ?? -1
    }
    return KernelRiskPlan(table, closeColumn: close)
  }

  /// A risk block the kernel cannot check: the daily loss, a huge rate window, an instrument
  /// ordered whose close (the reference price) the strategy never reads.
  mutating func refuseUnsupportedRisk() {
    guard !module.risk.isEmpty, !readsBook else { return }
    for limit in module.risk {
      switch limit {
      case .maxDailyLoss:
        problems.append(riskRefusal(
          "max_daily_loss needs the account's marked-to-market equity, which only the OMS has",
          note: "the kernel checks max_position, max_order, max_notional, price_band and max_orders",
          locator?.riskItem("max_daily_loss")))
      case .orderRate(let count, _) where count > KernelRiskPlan.largestRateWindow:
        problems.append(riskRefusal(
          "max_orders = \(count): the kernel's ring of send times holds at most \(KernelRiskPlan.largestRateWindow)",
          note: nil, locator?.riskItem("max_orders", value: "\(count)") ?? locator?.riskItem("max_orders")))
      default: break
      }
    }
    let closes = Set(module.step.compactMap { ins -> Int? in
      if case .field(let i, .close) = ins.imm { return i } else { return nil }
    })
    for ins in module.step where ins.op.isEffect {
      guard case .instrument(let i) = ins.imm, !closes.contains(i) else { continue }
      problems.append(riskRefusal(
        "the kernel checks risk against the last close of `\(module.instruments[i].name)`, which the strategy never reads",
        note: "read `\(module.instruments[i].name).close` in the strategy", locator?.span(of: "risk")))
      return
    }
  }

  func riskRefusal(_ message: String, note: String?, _ span: SourceSpan?) -> Diagnostic {
    let notes = note.map { [$0] } ?? []
    if let span {
      return Diagnostic(id: "hls.unsupported-risk", message: message, primary: Label(span, "the kernel cannot check this"), notes: notes)
    }
    return Diagnostic(id: "hls.unsupported-risk", message: message, at: DataLocation(path: path), notes: notes)
  }
}
