import StratFixed
import StratRuntime

// The kernel's risk stage (KernelRiskPlan): after the step, each valid decision slot in program
// order becomes an order or a denial, exactly as FixedExecutor.gate decides, on ap_int<96>
// integers. State: what each instrument holds (Σ orders sent), its last close, a ring of send
// times. Each record slot gets risk_K (0 sent, 255 nothing sent, else a denial's number in
// KernelRiskPlan.codes) and order_K (the signed whole units sent).

extension KernelEmitter {
  /// Out-record fields of slot `k` (none without a risk block).
  func riskFields(_ k: Int) -> String {
    plan.risk == nil ? "" : "  ap_uint<8> risk_\(k);  // 0 sent, 255 none, else KernelRiskPlan.codes\n  ap_int<64> order_\(k);\n"
  }

  func riskStatics() -> [String] {
    guard let r = plan.risk else { return [] }
    var lines: [String] = []
    for i in plan.module.instruments.indices {
      lines += ["static ap_int<64> s_held\(i) = 0;", "static ap_int<64> s_ref\(i) = -1;"]
    }
    if let n = r.maxOrders, n > 0 {
      lines += ["static ap_int<64> s_sent[\(n)];", "static ap_uint<16> s_sent_head = 0;", "static ap_uint<16> s_sent_count = 0;"]
    }
    return lines
  }

  func riskLocals() -> [String] {
    guard let r = plan.risk else { return [] }
    var lines: [String] = []
    for i in plan.module.instruments.indices {
      lines.append("ap_int<96> held\(i) = s_held\(i);")
      let close = r.closeColumn[i]
      lines.append("ap_int<96> ref\(i) = " + (close < 0 ? "s_ref\(i);  // never ordered: its close is not read" : "tick.seen_\(i) ? ap_int<64>(tick.in_\(close)) : s_ref\(i);"))
    }
    if let n = r.maxOrders, n > 0 { lines += ["ap_uint<16> sent_head = s_sent_head;", "ap_uint<16> sent_count = s_sent_count;"] }
    return lines
  }

  func riskWriteBack() -> [String] {
    guard let r = plan.risk else { return [] }
    var lines = plan.module.instruments.indices.flatMap { i in
      ["s_held\(i) = ap_int<64>(held\(i));", "s_ref\(i) = ap_int<64>(ref\(i));"]
    }
    if let n = r.maxOrders, n > 0 { lines += ["s_sent_head = sent_head;", "s_sent_count = sent_count;"] }
    return lines
  }

  /// The stage: one block per decision slot, in program order.
  func riskStage() -> [String] {
    guard plan.risk != nil else { return [] }
    var lines = ["// Risk: each decision as an order, checked as the CPU's RiskGate checks it."]
    for k in plan.outputs.indices {
      lines.append("o.risk_\(k) = 255;")
      lines.append("o.order_\(k) = 0;")
      lines.append("if (o.valid_\(k)) {")
      lines += riskSlot(k).map { "  " + $0 }
      lines.append("}")
    }
    return lines
  }

  func code(_ c: RiskDenial.Code) -> String { "\(KernelRiskPlan.number(c))" }

  /// `q = …` then the checks; `st` ends 0 when the order is sent.
  func riskSlot(_ k: Int) -> [String] {
    let o = plan.outputs[k], i = o.instrument
    var lines = ["ap_uint<8> st = 0;", "ap_int<96> q = 0;"]
    if o.price != nil { lines.append("ap_int<96> price = 0;") }
    let later = plan.outputs.indices.filter { $0 > k && plan.outputs[$0].kind == .target && plan.outputs[$0].instrument == i }
    if o.kind == .target && !later.isEmpty {
      lines.append("if (" + later.map { "o.valid_\($0)" }.joined(separator: " || ") + ") st = 255;")
    }
    let q = o.quantity
    lines.append("ap_int<\(q.width)> qraw = ap_uint<\(q.width)>(o.qty_\(k).range(\(q.width - 1), 0));")
    lines.append("ap_int<96> qm = qraw < 0 ? ap_int<96>(-ap_int<96>(qraw)) : ap_int<96>(qraw);")
    lines.append("ap_int<96> units = " + Self.rounded("qm", scale: nil, q.fractionBits) + ";")
    lines.append("if (qraw < 0) units = -units;")
    // Saturated, or beyond 1e15 units before rounding (KernelRiskMath.wholeUnits).
    var invalid = ["qraw == \(Self.signedLiteral(q.maxRaw, q.width))", "qraw == \(Self.signedLiteral(q.minRaw, q.width))"]
    let largest = KernelRiskMath.largestQuantityRaw(q)
    if largest < UInt128(1) << 63 { invalid.append("qm > ap_int<96>(\(largest)LL)") }
    lines.append("if (st == 0 && (\(invalid.joined(separator: " || ")))) st = \(code(.invalidQuantity));")
    switch o.kind {
    case .cancel:
      lines.append("if (st == 0) o.order_\(k) = ap_int<64>(units);")
      lines.append("o.risk_\(k) = st;")
      return lines
    case .target: lines.append("q = units - held\(i);")
    case .market: lines.append("q = units;")
    case .limit, .immediateOrCancel, .replace:
      let p = o.price!
      lines.append("ap_int<\(p.width)> praw = ap_uint<\(p.width)>(o.price_\(k).range(\(p.width - 1), 0));")
      lines.append("q = units;")
      lines.append("if (st == 0 && (praw <= 0 || praw == \(Self.signedLiteral(p.maxRaw, p.width)))) st = \(code(.invalidPrice));")
      lines.append("if (st == 0) price = " + Self.rounded("praw", scale: "100000000", p.fractionBits) + ";")
      lines.append("if (st == 0 && (price <= 0 || price > ap_int<96>(0x7fffffffffffffffLL))) st = \(code(.invalidPrice));")
    }
    lines.append("if (st == 0 && (q > ap_int<96>(0x7fffffffffffffffLL) || q < ap_int<96>(-0x7fffffffffffffffLL - 1))) st = \(code(.overflow));")
    lines.append("if (st == 0 && q == 0) st = 255;")
    lines += riskChecks(k)
    lines.append("o.risk_\(k) = st;")
    return lines
  }

  /// RiskGate.denial's checks in its order, then the send.
  func riskChecks(_ k: Int) -> [String] {
    let r = plan.risk!, o = plan.outputs[k], i = o.instrument
    let int64 = "(v > ap_int<96>(0x7fffffffffffffffLL) || v < ap_int<96>(-0x7fffffffffffffffLL - 1))"
    var lines = [
      "if (st == 0 && ref\(i) < 0) st = \(code(.noReferencePrice));",
      "ap_int<96> reference = ap_int<64>(ref\(i)) * ap_int<64>(\(KernelRiskPlan.tickToRaw));",
      "ap_int<96> after = held\(i) + q;",
      "{ ap_int<96> v = after; if (st == 0 && \(int64)) st = \(code(.overflow)); }",
      "ap_int<96> after_m = after < 0 ? ap_int<96>(-after) : after;",
      "ap_int<96> held_m = held\(i) < 0 ? ap_int<96>(-held\(i)) : held\(i);",
      "bool reduces = after_m < held_m;",
      "ap_int<96> q_m = q < 0 ? ap_int<96>(-q) : q;",
    ]
    if let n = r.maxOrders {
      if n == 0 {
        lines.append("if (st == 0) st = \(code(.orderRate));")
      } else {
        lines.append("if (st == 0 && sent_count == \(n)) {")
        lines.append("  ap_int<96> v = ap_int<96>(tick.time) - ap_int<96>(s_sent[sent_head]);")
        lines.append("  if (!\(int64) && v < ap_int<96>(\(r.windowNanos)LL)) st = \(code(.orderRate));")
        lines.append("}")
      }
    }
    if r.maxOrderQuantity != .max {
      lines.append("if (st == 0 && q_m > ap_int<96>(\(r.maxOrderQuantity)LL)) st = \(code(.maxOrderQuantity));")
    }
    lines.append("ap_uint<128> notional = ap_uint<64>(q_m) * ap_uint<64>(reference);")
    lines.append("if (st == 0 && notional > ap_uint<128>(0x7fffffffffffffffULL)) st = \(code(.overflow));")
    if let limit = r.maxOrderNotional {
      lines.append("if (st == 0 && notional > ap_uint<128>(\(limit)ULL)) st = \(code(.maxOrderNotional));")
    }
    if let band = r.priceBand, o.price != nil {
      lines.append("ap_int<96> distance = price > reference ? ap_int<96>(price - reference) : ap_int<96>(reference - price);")
      let outside = band < 0 ? "true" : "ap_uint<64>(distance) * ap_uint<64>(100000000) > ap_uint<64>(\(band)ULL) * ap_uint<64>(reference)"
      lines.append("if (st == 0 && \(outside)) st = \(code(.priceBand));")
    }
    if r.maxPosition[i] != .max {
      lines.append("if (st == 0 && after_m > ap_int<96>(\(r.maxPosition[i])LL) && !reduces) st = \(code(.maxPosition));")
    }
    lines.append("if (st == 0) {")
    lines.append("  held\(i) = after;")
    lines.append("  o.order_\(k) = ap_int<64>(q);")
    if let n = r.maxOrders, n > 0 {
      lines.append("  if (sent_count < \(n)) {")
      lines.append("    ap_uint<16> at = sent_head + sent_count >= \(n) ? ap_uint<16>(sent_head + sent_count - \(n)) : ap_uint<16>(sent_head + sent_count);")
      lines.append("    s_sent[at] = tick.time;")
      lines.append("    sent_count = sent_count + 1;")
      lines.append("  } else {")
      lines.append("    s_sent[sent_head] = tick.time;")
      lines.append("    sent_head = sent_head + 1 == \(n) ? ap_uint<16>(0) : ap_uint<16>(sent_head + 1);")
      lines.append("  }")
    }
    lines.append("}")
    return lines
  }

  /// A raw value as an `ap_int<W>` literal (W ≤ 64), the most negative one included.
  static func signedLiteral(_ raw: Int128, _ width: Int) -> String {
    if raw == -(Int128(1) << 63) { return "ap_int<\(width)>(-0x7fffffffffffffffLL - 1)" }
    return "ap_int<\(width)>(\(raw)LL)"
  }

  /// m × scale ÷ 2^bits rounded half up, as KernelRiskMath.rounded (m ≥ 0).
  static func rounded(_ m: String, scale: String?, _ bits: Int) -> String {
    let x = scale.map { "ap_int<96>(ap_int<64>(\(m)) * ap_int<64>(\($0)))" } ?? m
    if bits <= 0 { return "(\(x) << \(-bits))" }
    return "((\(x) + (ap_int<96>(1) << \(bits - 1))) >> \(bits))"
  }
}
