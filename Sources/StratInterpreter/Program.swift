/// The interpreter's own instruction set: the IR step flattened into fixed-size records whose
/// operands are already resolved to register indices, byte offsets and capacities.
///
/// `const` has no operation: its register is filled once at init. `param` reads the parameter
/// buffer at run time, as native code does, so a host may change a value between steps. A `push`
/// becomes one of four operations, one per buffer kind, so the loop never looks at a slot kind.
enum Code: UInt8 {
  // Inputs and scalar state
  case field  // r[dst] = inputs[imm]                       (imm = instrument × InputField.count + field)
  case seen  // r[dst] = seen[imm]
  case time  // r[dst] = the step's time
  case param  // r[dst] = params[imm]                        (imm = parameter index)
  case load  // r[dst] = state[imm]                          (imm = byte offset)
  case store  // if r[pred]: state[imm] = r[a]                 (i64 and bool slots)
  case storeF64  // if r[pred]: state[imm] = canonical(r[a])  (f64 slots)
  // Arithmetic, math, comparisons and logic: r[dst] = f(r[a], r[b]) or f(r[a])
  case fadd, fsub, fmul, fdiv, fneg
  case iadd, isub, imul, idiv, irem, ineg, itof, ftoi
  case log, exp, sqrt, abs, round, sign, fmin, fmax, f32, expf, floor, ceil, pow, fmod
  case flt, fle, fgt, fge, feq, fne
  case ilt, ile, igt, ige, ieq, ine
  case and, or, not
  case select  // r[dst] = r[a] != 0 ? r[b] : r[c]
  // Buffers: imm = the slot's byte offset, c = its capacity (period for ema)
  case pushRing, pushWindow  // if r[pred]: push r[a]
  case pushPair  // if r[pred]: push (r[a], r[b])
  case pushEma  // if r[pred]: push r[a] with alpha r[b]
  case lag  // r[dst] = the b-th most recent value
  case count  // r[dst] = the i64 at byte offset imm (the slot's count field)
  case sum, mean, varp, vars, min, max  // window reads
  case cov, corr, slope, intercept  // pairWindow reads
  case ema  // r[dst] = the ema's value
  // Decisions: imm = instrument; if r[pred]: append a decision
  case target, market  // quantity r[a]
  case limit  // quantity r[a], price r[b]
  case ioc  // quantity r[a], price r[b]
  case replace  // quantity r[a], price r[b]
  case cancel  // side r[a]
}

/// One operation: 32 bytes, so two fit a cache line.
struct Operation {
  /// A byte offset, input index, instrument or unused, by `code`.
  var imm: Int64 = 0
  /// The result register (the IR instruction's index), or 0 for effects.
  var dst: Int32 = 0
  var a: Int32 = 0
  var b: Int32 = 0
  var c: Int32 = 0
  /// For effects, the register that must be nonzero for the effect to run.
  var pred: Int32 = 0
  var code: Code

  init(_ code: Code, dst: Int, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, imm: Int = 0) {
    self.code = code
    self.dst = Int32(dst)
    self.a = a
    self.b = b
    self.c = c
    self.imm = Int64(imm)
  }
}

/// A translated step: operations in program order, and the registers filled once at init.
struct Program {
  var operations: [Operation] = []
  /// Registers: one per IR instruction, then one always-true register, then constants the
  /// interpreter adds itself (ema alphas).
  var registerCount: Int
  /// Register index and bit pattern of every register filled at init.
  var preloads: [(register: Int, bits: UInt64)] = []
  /// How many decision operations there are: the most decisions one step can make.
  var decisionCapacity = 0

  /// The register that always holds 1; unpredicated effects test it.
  let alwaysTrue: Int32

  init(instructionCount: Int) {
    registerCount = instructionCount + 1
    alwaysTrue = Int32(instructionCount)
    preloads.append((instructionCount, 1))
  }

  /// Adds a register holding `bits` and returns its index.
  mutating func addConstantRegister(_ bits: UInt64) -> Int32 {
    let register = registerCount
    registerCount += 1
    preloads.append((register, bits))
    return Int32(register)
  }
}
