import StratABI
import StratIR

/// Writes a strategy's IR as LLVM IR text: the runtime (`LLVMRuntime`) and one function
///
///     i64 @stratc_step(ptr state, ptr inputs, ptr seen, i64 time, ptr decisions)
///
/// that performs the step exactly as the interpreter does: the same operations in the same order
/// on the same state record, no fast-math flags (so no contraction), libm's `log` and `exp`,
/// compare-and-select `fmin`/`fmax`/`sign`, guarded integer division. It returns the number of
/// decisions written. `stratc ir --llvm` prints this text.
public enum LLVMText {
  /// The LLVM IR of `module`'s step, with the runtime in front.
  public static func module(_ module: IRModule) -> String {
    var writer = StepWriter(module: module)
    writer.writeStep()
    let pool = writer.constants.isEmpty ? "[1 x i64] zeroinitializer" : "[\(writer.constants.count) x i64] [" + writer.constants.map { "i64 \($0)" }.joined(separator: ", ") + "]"
    return "; stratc strategy @\(module.name)\n" + LLVMRuntime.text
      + "@stratc_constants = internal global \(pool)\n\n" + writer.text
  }

  /// The byte offset of each slot in the state record (slots back to back, `SlotKind.byteSize`).
  public static func slotOffsets(_ module: IRModule) -> [Int] {
    var offsets: [Int] = []
    var offset = 0
    for slot in module.slots {
      offsets.append(offset)
      offset += slot.kind.byteSize
    }
    return offsets
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
    text += "define i64 @stratc_step(ptr %state, ptr %inputs, ptr %seen, i64 %time, ptr %out) {\nentry:\n"
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
