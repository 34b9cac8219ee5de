import StratFixed

// `FixedFormat.assign` in gates: drop the fraction bits below the format (rounding to nearest,
// ties to even, or truncating), then clamp into the format's range (AP_SAT).

extension VerilogNetlist {
  /// The modes the netlist renders for a value assigned at run time; the planner gives every
  /// such value AP_RND_CONV and AP_SAT (wrapping formats are only for constants).
  static func renders(_ f: FixedFormat) -> Bool {
    [.AP_RND_CONV, .AP_TRN].contains(f.quantization) && f.overflow == .AP_SAT && f.signed
  }

  /// The raw bits `format.assign(e)` gives, as a signed `format.width`-bit wire.
  mutating func quantise(_ e: VerilogSignal, _ format: FixedFormat, name: String? = nil) -> String {
    let rounded = round(e, to: format)
    return overflow(rounded, format, name: name)
  }

  /// `e` at the format's fraction, rounded by its quantisation; wide enough never to overflow.
  mutating func round(_ e: VerilogSignal, to format: FixedFormat) -> VerilogSignal {
    let drop = e.fraction - format.fractionBits
    if drop <= 0 {
      let shifted = align(e, fraction: format.fractionBits, width: e.width - drop)
      return VerilogSignal(shifted, width: e.width - drop, fraction: format.fractionBits)
    }
    // At least two bits above the dropped ones, so that floor keeps its sign and parity.
    let w = max(e.width, drop + 2)
    let x = extend(e, to: w)
    let floorWidth = w - drop
    let floor = wire(floorWidth, "\(x)[\(w - 1):\(drop)]")
    guard format.quantization == .AP_RND_CONV else {
      return VerilogSignal(floor, width: floorWidth, fraction: format.fractionBits)
    }
    // Up when the dropped bits exceed a half, or are exactly a half and floor is odd.
    let below = drop > 1 ? "(|\(x)[\(drop - 2):0])" : "1'b0"
    let up = wire(1, "\(x)[\(drop - 1)] & (\(below) | \(floor)[0])", signed: false)
    let wide = extend(VerilogSignal(floor, width: floorWidth, fraction: 0), to: floorWidth + 1)
    let increment = wire(floorWidth + 1, "{\(floorWidth)'b0, \(up)}")
    let sum = wire(floorWidth + 1, "\(wide) + \(increment)")
    return VerilogSignal(sum, width: floorWidth + 1, fraction: format.fractionBits)
  }

  /// The rounded value clamped into the format's range (AP_SAT).
  mutating func overflow(_ q: VerilogSignal, _ format: FixedFormat, name: String?) -> String {
    let w = format.width
    if q.width <= w {
      let x = extend(q, to: w)
      return name.map { wire(w, x, name: $0) } ?? x
    }
    let low = "\(q.name)[\(w - 1):0]"
    let top = wire(q.width, Self.literal(format.maxRaw, width: q.width))
    let bottom = wire(q.width, Self.literal(format.minRaw, width: q.width))
    let expression = "(\(q.name) > \(top)) ? \(top)[\(w - 1):0] : ((\(q.name) < \(bottom)) ? \(bottom)[\(w - 1):0] : \(low))"
    return wire(w, expression, name: name)
  }
}
