import StratABI
import StratIR

/// Writes the `stratc_strategy` descriptor of `include/stratc.h` as LLVM globals, the exported
/// entry function `stratc_strategy_v1` that returns it, and the same metadata as text in the
/// `.stratc` section. Everything else in the module is internal, so an object exports one symbol.
struct DescriptorWriter {
  let module: IRModule
  let metadata: ObjectMetadata
  private(set) var text = ""
  private var strings = 0

  /// The descriptor struct; field order and types follow `stratc_strategy` exactly.
  static let descriptorType =
    "{ i32, i32, ptr, ptr, ptr, ptr, ptr, i64, i64, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr, ptr, ptr }"

  init(module: IRModule, metadata: ObjectMetadata) {
    self.module = module
    self.metadata = metadata
    write()
  }

  private mutating func write() {
    let name = string(module.name)
    let (compiler, source, code, cpu) = (string(metadata.compiler), string(metadata.sourceHash), string(metadata.codeHash), string(metadata.cpu))
    let instruments = table("instruments", "{ ptr, ptr }", module.instruments.map { "{ ptr \(string($0.name)), ptr \(string($0.symbol)) }" })
    let params = table("params", "{ ptr, i32, i32, i64 }", module.params.map { p in
      let kind: ParameterInfo.Kind = switch p.value { case .i64: .int; case .f64: .float; case .bool: .bool }
      return "{ ptr \(string(p.name)), i32 \(ObjectABI.valueKind(kind)), i32 0, i64 \(p.value.asBits) }"
    })
    let slots = table("slots", "{ ptr, i32, i32, i64, i64 }", zip(module.slots, LLVMText.slotOffsets(module)).map { slot, offset in
      "{ ptr \(string(slot.name)), i32 \(ObjectABI.slotKind(slot.kind.shape)), i32 \(slot.kind.capacity ?? 0), i64 \(offset), i64 \(slot.kind.byteSize) }"
    })
    let inputs = table("inputs_read", "i32", module.inputFields.map { "\($0.rawValue)" })
    let risk = writeRisk()
    let decisions = module.step.filter(\.op.isDecision).count
    let fields = [
      "i32 \(ObjectMetadata.abiVersion)", "i32 \(Self.descriptorSize)", "ptr \(name)", "ptr \(compiler)", "ptr \(source)",
      "ptr \(code)", "ptr \(cpu)", "i64 \(module.stateBytes)", "i64 \(ObjectABI.stateAlignment)", "i32 \(module.instruments.count)",
      "i32 \(module.params.count)", "i32 \(module.slots.count)", "i32 \(module.inputFields.count)", "i32 \(decisions)",
      "i32 \(module.warmupSteps)", "ptr \(instruments)", "ptr \(params)", "ptr \(slots)", "ptr \(inputs)", "ptr \(risk)",
      "ptr @stratc_init", "ptr @stratc_step",
    ]
    text += "@stratc_descriptor = internal constant \(Self.descriptorType) { \(fields.joined(separator: ", ")) }\n"
    text += "define ptr @\(ObjectMetadata.entrySymbol)() {\n  ret ptr @stratc_descriptor\n}\n"
    let section = Array(metadata.sectionText.utf8) + [0]
    text += "@stratc_metadata = internal constant [\(section.count) x i8] c\"\(Self.escaped(section))\", section \"\(ObjectMetadata.sectionName)\", align 1\n"
    text += "@llvm.used = appending global [1 x ptr] [ptr @stratc_metadata], section \"llvm.metadata\"\n"
  }

  /// sizeof(stratc_strategy) on a 64-bit target (ABILayoutTests checks it against the header).
  static let descriptorSize = ObjectABI.descriptorSize

  private mutating func writeRisk() -> String {
    // The verifier (NativeBackend.check) has proved every risk instrument exists, so this folds.
    let limits = (try? StrategyInterface(module: module).risk) ?? RiskLimits()
    let positions = table("max_position", "double", (0..<module.instruments.count).map { i in
      Self.double(limits.maxPosition.indices.contains(i) ? limits.maxPosition[i] : nil)
    })
    let values = [
      "ptr \(positions)", "double \(Self.double(limits.maxOrderQuantity))", "double \(Self.double(limits.maxOrderNotional))",
      "double \(Self.double(limits.maxDailyLoss))", "double \(Self.double(limits.priceBand))",
      "i64 \(limits.maxOrders ?? 0)", "i64 \(limits.orderRateWindowNanos ?? 0)",
    ]
    text += "@stratc_risk = internal constant { ptr, double, double, double, double, i64, i64 } { \(values.joined(separator: ", ")) }\n"
    return "@stratc_risk"
  }

  /// A constant array named `@stratc_NAME` of `type` values, or `null` when empty.
  private mutating func table(_ name: String, _ type: String, _ elements: [String]) -> String {
    guard !elements.isEmpty else { return "null" }
    text += "@stratc_\(name) = internal constant [\(elements.count) x \(type)] [\(elements.map { "\(type) \($0)" }.joined(separator: ", "))]\n"
    return "@stratc_\(name)"
  }

  /// A NUL-terminated string constant.
  private mutating func string(_ value: String) -> String {
    let bytes = Array(value.utf8) + [0]
    strings += 1
    text += "@str\(strings) = private unnamed_addr constant [\(bytes.count) x i8] c\"\(Self.escaped(bytes))\"\n"
    return "@str\(strings)"
  }

  static func escaped(_ bytes: [UInt8]) -> String {
    bytes.map { b in
      (0x20..<0x7F).contains(b) && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\")
        ? String(UnicodeScalar(b)) : "\\" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
    }.joined()
  }

  /// A limit as a double, NaN for none.
  static func double(_ value: Double?) -> String { StepWriter.constant(.f64(value ?? .nan)).text }
}

extension Opcode {
  /// True for the effects that write a decision record.
  var isDecision: Bool {
    switch self {
    case .target, .market, .limit, .ioc, .replace, .cancel: true
    default: false
    }
  }
}
