import StratABI
import StratIR

/// Writes a strategy's IR as one LLVM module implementing `include/stratc.h`:
///
///     ptr @stratc_strategy_v1()             ; the descriptor (DescriptorWriter)
///     void @stratc_init(ptr state)          ; the initial state
///     i64 @stratc_step(ptr state, ptr params, ptr inputs, ptr seen, i64 time, ptr decisions)
///
/// The step performs exactly what the interpreter does: the same operations in the same order
/// on the same state record, no fast-math flags (so no contraction), libm's `log` and `exp`,
/// compare-and-select `fmin`/`fmax`/`sign`, guarded integer division. It returns the number of
/// decisions written. The JIT and AOT compile this same text; `stratc ir --llvm` prints it.
public enum LLVMText {
  /// The whole module: runtime, constant pool, step, init and descriptor.
  public static func module(_ module: IRModule, metadata: ObjectMetadata) -> String {
    var writer = StepWriter(module: module)
    writer.writeStep()
    let pool = writer.constants.isEmpty ? "[1 x i64] zeroinitializer" : "[\(writer.constants.count) x i64] [" + writer.constants.map { "i64 \($0)" }.joined(separator: ", ") + "]"
    return "; stratc strategy @\(module.name)\n" + stateComment(module) + LLVMRuntime.text
      + "@stratc_constants = internal global \(pool)\n\n" + writer.text + "\n" + initFunction(module)
      + "\n" + DescriptorWriter(module: module, metadata: metadata).text
  }

  /// The byte offset of each slot in the state record (StratABI's `StateLayout`).
  public static func slotOffsets(_ module: IRModule) -> [Int] { module.stateLayout.offsets }

  /// The state record's layout as a comment: the step addresses slots by byte offset.
  static func stateComment(_ module: IRModule) -> String {
    var text = "; state record, \(module.stateBytes) bytes (slots back to back; layouts in WindowSemantics.md):\n"
    for (slot, offset) in zip(module.slots, slotOffsets(module)) {
      text += ";   @\(offset)  \(slot.name): \(IRPrinter.kindText(slot.kind)), \(slot.kind.byteSize) bytes\n"
    }
    return text + "\n"
  }

  /// `stratc_init`: zero the record, then each scalar's initial value.
  static func initFunction(_ module: IRModule) -> String {
    var text = "define internal void @stratc_init(ptr %state) {\n"
    if module.stateBytes > 0 {
      text += "  call void @llvm.memset.p0.i64(ptr align 8 %state, i8 0, i64 \(module.stateBytes), i1 false)\n"
    }
    for (index, (slot, offset)) in zip(module.slots, slotOffsets(module)).enumerated() {
      // A NaN initial value is stored canonical, like every f64 the step stores.
      guard case .scalar(_, let initial) = slot.kind, initial.canonicalBits != 0 else { continue }
      text += "  %s\(index) = getelementptr i8, ptr %state, i64 \(offset)\n"
      text += "  store i64 \(Int64(bitPattern: initial.canonicalBits)), ptr %s\(index)\n"
    }
    return text + "  ret void\n}\ndeclare void @llvm.memset.p0.i64(ptr, i8, i64, i1)\n"
  }
}

/// Emits the step function instruction by instruction; value k is `%vk`.
struct StepWriter {
  let module: IRModule
  let offsets: [Int]
  var text = ""
  /// The f64 constants' bit patterns, in the order the step reads them.
  var constants: [String] = []

  init(module: IRModule) {
    self.module = module
    offsets = LLVMText.slotOffsets(module)
  }

  mutating func line(_ s: String) { text += "  " + s + "\n" }

  mutating func writeStep() {
    text += "define internal i64 @stratc_step(ptr noalias %state, ptr noalias %params, ptr noalias %inputs, ptr noalias %seen, i64 %time, ptr noalias %out) {\nentry:\n"
    line("%count = alloca i64")
    line("store i64 0, ptr %count")
    for (i, instruction) in module.step.enumerated() { write(i, instruction) }
    line("%decided = load i64, ptr %count")
    line("ret i64 %decided")
    text += "}\n"
  }

  static func llvmType(_ type: IRType) -> String {
    switch type {
    case .f64: "double"
    case .i64: "i64"
    case .bool: "i1"
    }
  }

  static func constant(_ c: IRConstant) -> (type: String, text: String) {
    switch c {
    case .f64(let d): ("double", "0x" + String(d.bitPattern, radix: 16, uppercase: true).leftPadded(16))
    case .i64(let v): ("i64", String(v))
    case .bool(let b): ("i1", b ? "true" : "false")
    }
  }

  func v(_ id: ValueID) -> String { "%v\(id)" }

  /// `%bI = getelementptr` to slot `s`.
  mutating func base(_ i: Int, slot: Int) -> String {
    line("%b\(i) = getelementptr i8, ptr %state, i64 \(offsets[slot])")
    return "%b\(i)"
  }

  /// Runs `body` only when the effect's predicate holds.
  mutating func guarded(_ i: Int, _ predicate: ValueID?, _ body: (inout StepWriter) -> Void) {
    guard let p = predicate else { return body(&self) }
    line("br i1 \(v(p)), label %do\(i), label %skip\(i)")
    text += "do\(i):\n"
    body(&self)
    line("br label %skip\(i)")
    text += "skip\(i):\n"
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
