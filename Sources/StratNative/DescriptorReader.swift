internal import CStratc
import StratABI

/// Reads a `stratc_strategy` descriptor into Swift values, checking every count and offset
/// against sane bounds first, so that a corrupt descriptor is refused instead of read past.
struct DescriptorReader {
  let interface: StrategyInterface
  let metadata: ObjectMetadata
  let slots: [NativeSlot]

  static let maxCount = 1 << 20

  init(_ d: stratc_strategy) throws(NativeCodeError) {
    let instrumentCount = Int(d.instrument_count), paramCount = Int(d.param_count)
    let slotCount = Int(d.slot_count), inputCount = Int(d.input_count)
    guard instrumentCount <= 1 << 16, paramCount <= 1 << 16, slotCount <= Self.maxCount,
      inputCount <= InputField.count, Int(d.max_decisions) <= Self.maxCount,
      d.state_size <= 1 << 40, d.state_align >= 8, d.state_align <= 4096,
      d.state_align & (d.state_align - 1) == 0
    else { throw .badDescriptor("a count, size or alignment is out of range") }
    guard (instrumentCount == 0 || d.instruments != nil) && (paramCount == 0 || d.params != nil)
      && (slotCount == 0 || d.slots != nil) && (inputCount == 0 || d.inputs_read != nil) && d.risk != nil
    else { throw .badDescriptor("a table is missing") }

    let instruments = try (0..<instrumentCount).map { i throws(NativeCodeError) in
      let entry = d.instruments[i]
      return InstrumentBinding(name: try Self.string(entry.name, "instrument name"), symbol: try Self.string(entry.symbol, "symbol"))
    }
    let params = try (0..<paramCount).map { i throws(NativeCodeError) in try Self.parameter(d.params[i]) }
    slots = try Self.slots(d, count: slotCount)
    let fields = try (0..<inputCount).map { i throws(NativeCodeError) in
      guard let field = InputField(rawValue: Int(d.inputs_read[i])) else { throw .badDescriptor("input field \(d.inputs_read[i]) does not exist") }
      return field
    }
    interface = StrategyInterface(
      name: try Self.string(d.name, "name"), instruments: instruments, params: params,
      stateBytes: Int(d.state_size), risk: Self.risk(d.risk.pointee, instruments: instrumentCount),
      inputFields: fields)
    metadata = ObjectMetadata(
      abiVersion: Int(d.abi_version), name: interface.name, compiler: try Self.string(d.compiler_version, "compiler version"),
      sourceHash: try Self.string(d.source_hash, "source hash"), codeHash: try Self.string(d.code_hash, "code hash"),
      cpu: try Self.string(d.target_cpu, "target CPU"))
  }

  static func string(_ pointer: UnsafePointer<CChar>?, _ what: String) throws(NativeCodeError) -> String {
    guard let pointer else { throw .badDescriptor("the \(what) is missing") }
    return String(cString: pointer)
  }

  static func parameter(_ p: stratc_param) throws(NativeCodeError) -> ParameterInfo {
    let name = try string(p.name, "parameter name")
    switch p.kind {
    case STRATC_INT.rawValue: return ParameterInfo(name: name, integer: p.value.i)
    case STRATC_FLOAT.rawValue: return ParameterInfo(name: name, kind: .float, value: p.value.f)
    case STRATC_BOOL.rawValue: return ParameterInfo(name: name, kind: .bool, value: p.value.i != 0 ? 1 : 0)
    default: throw .badDescriptor("parameter \(name) has unknown kind \(p.kind)")
    }
  }

  /// The slots, which must tile the state record in order.
  static func slots(_ d: stratc_strategy, count: Int) throws(NativeCodeError) -> [NativeSlot] {
    var slots: [NativeSlot] = []
    var end: UInt64 = 0
    for i in 0..<count {
      let s = d.slots[i]
      guard s.offset == end, s.size % 8 == 0, s.size > 0, s.offset + s.size <= d.state_size, s.kind <= 4 else {
        throw .badDescriptor("slot \(i) does not follow the previous one inside the state record")
      }
      slots.append(NativeSlot(
        name: try string(s.name, "slot name"), kind: Int(s.kind), capacity: Int(s.capacity),
        offset: Int(s.offset), size: Int(s.size)))
      end = s.offset + s.size
    }
    guard end == d.state_size else { throw .badDescriptor("the slots cover \(end) of \(d.state_size) state bytes") }
    return slots
  }

  static func risk(_ r: stratc_risk, instruments: Int) -> RiskLimits {
    func limit(_ value: Double) -> Double? { value.isNaN ? nil : value }
    return RiskLimits(
      maxPosition: (0..<instruments).map { i in r.max_position.flatMap { limit($0[i]) } },
      maxOrderQuantity: limit(r.max_order_quantity), maxOrderNotional: limit(r.max_order_notional),
      maxDailyLoss: limit(r.max_daily_loss), priceBand: limit(r.price_band),
      maxOrders: r.max_orders > 0 ? Int(r.max_orders) : nil,
      orderRateWindowNanos: r.max_orders > 0 ? r.order_rate_window_ns : nil)
  }
}
