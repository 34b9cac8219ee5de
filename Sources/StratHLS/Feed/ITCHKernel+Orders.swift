/// `NAME_itch.cpp`'s order stage: `KernelOrders`' rule as C++, on the kernel's out record and
/// the tick it stepped on. State: what each instrument holds (Σ shares sent), its last best bid
/// and ask (1/10000, −1 empty) and the token counter.
extension ITCHKernel {
  /// The counters of decisions the stage did not send, as `orders_status` fields.
  static var statusFields: String {
    (["sent"] + KernelOrders.Unsent.allCases.map(\.counter)).map { "  ap_uint<32> \($0);\n" }.joined()
  }

  func ordersStage() -> String {
    let n = plan.module.instruments.count
    let emitter = KernelEmitter(plan: plan)
    var touch = ""
    for (i, c) in KernelOrders.touchColumns(plan).enumerated() {
      if let b = c.bid { touch += "  if (t.seen_\(i)) s_bid[\(i)] = t.in_\(b);\n" }
      if let a = c.ask { touch += "  if (t.seen_\(i)) s_ask[\(i)] = t.in_\(a);\n" }
    }
    let slots = plan.outputs.indices.map { slot($0, emitter) }.joined()
    return """
      // The order stage (KernelOrders): each decision of the record, in program order, as at
      // most one OUCH 4.2 Enter Order; what is not sent is counted by reason.
      static ap_int<96> s_held[\(n)];
      static ap_int<64> s_bid[\(n)] = {\(Array(repeating: "-1", count: n).joined(separator: ", "))};
      static ap_int<64> s_ask[\(n)] = {\(Array(repeating: "-1", count: n).joined(separator: ", "))};
      static ap_uint<64> s_token = 0;

      // Sends q shares (signed) of instrument i at price (1/10000), or counts why not.
      static void send(int i, ap_int<96> q, ap_int<96> price, bool priced, ap_uint<32> tif,
                       hls::stream<ap_uint<8> >& ouch, orders_status& st) {
        if (q == 0) return;
        ap_int<96> shares = q < 0 ? ap_int<96>(-q) : q;
        if (shares > ap_int<96>(\(KernelOrders.largestShares))) { st.bad_shares += 1; return; }
        if (priced && (price <= 0 || price > ap_int<96>(\(KernelOrders.largestPrice)LL))) { st.bad_price += 1; return; }
        if (!priced && price <= 0) { st.no_touch += 1; return; }
        s_token = s_token + 1;
        s_held[i] = s_held[i] + q;
        ouch_enter_tif(ap_uint<8>(i), q < 0, ap_uint<32>(shares), ap_uint<32>(price), s_token, tif, ouch);
        st.sent += 1;
      }

      static void orders(const \(name)_out_t& o, const \(name)_in_t& t, hls::stream<ap_uint<8> >& ouch, orders_status& st) {
      \(touch)\(slots)}

      """
  }

  /// One decision slot's block.
  func slot(_ k: Int, _ emitter: KernelEmitter) -> String {
    let o = plan.outputs[k], i = o.instrument, q = o.quantity
    if o.kind == .cancel || o.kind == .replace {
      return "  if (o.valid_\(k)) st.unsent_kind += 1;  // \(o.kind): an OMS's\n"
    }
    let later = plan.outputs.indices.filter { $0 > k && plan.outputs[$0].kind == .target && plan.outputs[$0].instrument == i }
    let replaced = o.kind == .target && !later.isEmpty ? " && !(" + later.map { "o.valid_\($0)" }.joined(separator: " || ") + ")" : ""
    var invalid = ["qraw == \(KernelEmitter.signedLiteral(q.maxRaw, q.width))", "qraw == \(KernelEmitter.signedLiteral(q.minRaw, q.width))"]
    let largest = KernelRiskMath.largestQuantityRaw(q)
    if largest < UInt128(1) << 63 { invalid.append("qm > ap_int<96>(\(largest)LL)") }
    var lines = [
      "if (o.valid_\(k)\(replaced)) {  // \(o.kind) \(plan.module.instruments[i].name)",
      "  ap_int<\(q.width)> qraw = ap_uint<\(q.width)>(o.qty_\(k).range(\(q.width - 1), 0));",
      "  ap_int<96> qm = qraw < 0 ? ap_int<96>(-ap_int<96>(qraw)) : ap_int<96>(qraw);",
      "  ap_int<96> units = " + KernelEmitter.rounded("qm", scale: nil, q.fractionBits) + ";",
      "  if (qraw < 0) units = -units;",
      "  if (\(invalid.joined(separator: " || "))) st.bad_quantity += 1;",
    ]
    let qty = o.kind == .target ? "units - s_held[\(i)]" : "units"
    switch o.kind {
    case .limit, .immediateOrCancel:
      let p = o.price!
      let tif = o.kind == .limit ? KernelOrders.dayTimeInForce : KernelOrders.immediate
      lines += [
        "  else {",
        "    ap_int<\(p.width)> praw = ap_uint<\(p.width)>(o.price_\(k).range(\(p.width - 1), 0));",
        "    bool bad = praw <= 0 || praw == \(KernelEmitter.signedLiteral(p.maxRaw, p.width));",
        "    ap_int<96> price = bad ? ap_int<96>(0) : ap_int<96>(" + KernelEmitter.rounded("praw", scale: "10000", p.fractionBits) + ");",
        "    send(\(i), \(qty), price, true, ap_uint<32>(\(tif)u), ouch, st);",
        "  }",
      ]
    default:
      lines += [
        "  else {",
        "    ap_int<96> q = \(qty);",
        "    send(\(i), q, q > 0 ? ap_int<96>(s_ask[\(i)]) : ap_int<96>(s_bid[\(i)]), false, ap_uint<32>(\(KernelOrders.immediate)u), ouch, st);",
        "  }",
      ]
    }
    lines.append("}")
    return lines.map { "  " + $0 + "\n" }.joined()
  }
}
