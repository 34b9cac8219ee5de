@testable import StratLLVM
import Testing

/// LLVM's refusals of generated text (which would be compiler bugs) come back as errors with
/// LLVM's own message and location, never as a crash inside LLVM.
@Suite struct LLVMRefusalTests {
  static func build(_ text: String) throws {
    _ = try LLVMModuleBuilder(text: text, name: "broken", target: try TargetMachine(.host), pipeline: "default<O2>")
  }

  @Test func unparsableTextIsAParseError() {
    #expect {
      try Self.build("define i64 @f( {\n")
    } throws: { error in
      guard case NativeCompileError.parse(let message) = error else { return false }
      return message.contains("broken:") && message.contains("error")
    }
  }

  @Test func textTheVerifierRejectsIsAVerifierError() {
    // %x is used where it is not defined on every path: parses, but does not verify.
    let text = """
      define i64 @f(i1 %c) {
      entry:
        br i1 %c, label %a, label %b
      a:
        %x = add i64 1, 2
        br label %b
      b:
        ret i64 %x
      }
      """
    #expect {
      try Self.build(text)
    } throws: { error in
      guard case NativeCompileError.verifier(let message) = error else { return false }
      return message.contains("dominate")
    }
  }

  @Test func aBadPipelineIsAPassError() {
    #expect {
      _ = try LLVMModuleBuilder(
        text: "define i64 @f() {\n  ret i64 0\n}\n", name: "p", target: try TargetMachine(.host), pipeline: "no-such-pass")
    } throws: { error in
      guard case NativeCompileError.passes = error else { return false }
      return true
    }
  }
}
