import StratABI
import StratIR

extension StepWriter {
  /// Emits instruction `i` (see the opcode table for each meaning).
  mutating func write(_ i: Int, _ ins: Instruction) {
    let a = ins.args.first.map(v) ?? ""
    let b = ins.args.count > 1 ? v(ins.args[1]) : ""
    let out = "%v\(i)"
    switch ins.op {
    case .param:
      guard case .param(let p) = ins.imm else { return }
      writeParameter(i, p)
    case .const:
      guard case .constant(let value) = ins.imm else { return }
      let (type, text) = Self.constant(value)
      switch type {
      case "double":
        // Read, not folded: LLVM's constant folder makes NaNs the hardware would not (+NaN for
        // 0 ÷ 0 where x86 gives −NaN), so f64 constants reach the code through a volatile load.
        constants.append(value.asBits)
        line("%k\(i) = getelementptr i64, ptr @stratc_constants, i64 \(constants.count - 1)")
        line("\(out) = load volatile double, ptr %k\(i)  ; \(text)")
      case "i64": line("\(out) = add i64 0, \(text)")
      default: line("\(out) = or i1 false, \(text)")
      }
    case .field:
      guard case .field(let instrument, let field) = ins.imm else { return }
      line("%p\(i) = getelementptr double, ptr %inputs, i64 \(instrument * InputField.count + field.rawValue)")
      line("\(out) = load double, ptr %p\(i)")
    case .seen:
      guard case .instrument(let instrument) = ins.imm else { return }
      line("%p\(i) = getelementptr i64, ptr %seen, i64 \(instrument)")
      line("%s\(i) = load i64, ptr %p\(i)")
      line("\(out) = icmp ne i64 %s\(i), 0")
    case .time:
      line("\(out) = add i64 %time, 0")
    case .load:
      guard case .slot(let s) = ins.imm else { return }
      let p = base(i, slot: s)
      switch ins.type ?? .f64 {
      case .f64: line("\(out) = load double, ptr \(p)")
      case .i64: line("\(out) = load i64, ptr \(p)")
      case .bool:
        line("%s\(i) = load i64, ptr \(p)")
        line("\(out) = icmp ne i64 %s\(i), 0")
      }
    case .store:
      writeStore(i, ins)
    case .fadd, .fsub, .fmul, .fdiv:
      line("\(out) = \(ins.op.rawValue) double \(a), \(b)")
    case .fneg: line("\(out) = fneg double \(a)")
    case .iadd: line("\(out) = add i64 \(a), \(b)")
    case .isub: line("\(out) = sub i64 \(a), \(b)")
    case .imul: line("\(out) = mul i64 \(a), \(b)")
    case .idiv, .irem: writeDivision(i, ins.op, a, b)
    case .ineg: line("\(out) = sub i64 0, \(a)")
    case .itof: line("\(out) = sitofp i64 \(a) to double")
    case .ftoi: line("\(out) = call i64 @llvm.fptosi.sat.i64.f64(double \(a))")
    case .log, .exp: line("\(out) = call double @\(ins.op.rawValue)(double \(a))")
    case .sqrt: line("\(out) = call double @llvm.sqrt.f64(double \(a))")
    case .abs: line("\(out) = call double @llvm.fabs.f64(double \(a))")
    case .round: line("\(out) = call double @llvm.round.f64(double \(a))")
    case .floor, .ceil: line("\(out) = call double @llvm.\(ins.op.rawValue).f64(double \(a))")
    case .pow, .fmod: line("\(out) = call double @\(ins.op.rawValue)(double \(a), double \(b))")
    case .f32:
      line("%w\(i) = fptrunc double \(a) to float")
      line("\(out) = fpext float %w\(i) to double")
    case .expf:
      // By name, not llvm.exp.f32, so that the code calls the libm the interpreter calls.
      line("%w\(i) = fptrunc double \(a) to float")
      line("%x\(i) = call float @expf(float %w\(i))")
      line("\(out) = fpext float %x\(i) to double")
    case .sign: writeSign(i, a)
    case .fmin, .fmax:
      line("%c\(i) = fcmp \(ins.op == .fmin ? "olt" : "ogt") double \(a), \(b)")
      line("%n\(i) = fcmp uno double \(b), \(b)")
      line("%k\(i) = or i1 %c\(i), %n\(i)")
      line("\(out) = select i1 %k\(i), double \(a), double \(b)")
    case .flt, .fle, .fgt, .fge, .feq, .fne:
      let cc = [Opcode.flt: "olt", .fle: "ole", .fgt: "ogt", .fge: "oge", .feq: "oeq", .fne: "une"][ins.op]!
      line("\(out) = fcmp \(cc) double \(a), \(b)")
    case .ilt, .ile, .igt, .ige, .ieq, .ine:
      let cc = [Opcode.ilt: "slt", .ile: "sle", .igt: "sgt", .ige: "sge", .ieq: "eq", .ine: "ne"][ins.op]!
      line("\(out) = icmp \(cc) i64 \(a), \(b)")
    case .and: line("\(out) = and i1 \(a), \(b)")
    case .or: line("\(out) = or i1 \(a), \(b)")
    case .not: line("\(out) = xor i1 \(a), true")
    case .select:
      let type = Self.llvmType(ins.type ?? .f64)
      line("\(out) = select i1 \(a), \(type) \(b), \(type) \(v(ins.args[2]))")
    case .push: writePush(i, ins)
    case .lag, .count, .sum, .mean, .varp, .vars, .min, .max, .cov, .corr, .slope, .intercept, .ema:
      writeBufferRead(i, ins)
    case .target, .market, .limit, .ioc, .replace, .cancel:
      writeDecision(i, ins)
    }
  }

  mutating func writeStore(_ i: Int, _ ins: Instruction) {
    guard case .slot(let s) = ins.imm, let value = ins.args.first else { return }
    let p = base(i, slot: s)
    let type = module.slots[s].kind.scalarType ?? .f64
    var stored = v(value)
    var llvm = Self.llvmType(type)
    if type == .bool {
      line("%z\(i) = zext i1 \(stored) to i64")
      stored = "%z\(i)"
      llvm = "i64"
    }
    if let predicate = ins.predicate {
      line("%o\(i) = load \(llvm), ptr \(p)")
      line("%w\(i) = select i1 \(v(predicate)), \(llvm) \(stored), \(llvm) %o\(i)")
      stored = "%w\(i)"
    }
    if type == .f64 {
      line("call void @store_f64(double \(stored), ptr \(p))")
    } else {
      line("store \(llvm) \(stored), ptr \(p)")
    }
  }

  /// A parameter, read from the host's parameter table (8 bytes each, `stratc_value`) at run
  /// time, so one compiled code serves every value.
  mutating func writeParameter(_ i: Int, _ p: Int) {
    line("%p\(i) = getelementptr i64, ptr %params, i64 \(p)")
    switch module.params[p].value.type {
    case .f64: line("%v\(i) = load double, ptr %p\(i)")
    case .i64: line("%v\(i) = load i64, ptr %p\(i)")
    case .bool:
      line("%s\(i) = load i64, ptr %p\(i)")
      line("%v\(i) = icmp ne i64 %s\(i), 0")
    }
  }

  /// `idiv`/`irem` as ScalarSemantics defines them: by 0 gives 0, by −1 negates (or gives 0),
  /// and the machine division never sees 0 or −1 (`Int64.min ÷ −1` would trap).
  mutating func writeDivision(_ i: Int, _ op: Opcode, _ a: String, _ b: String) {
    line("%z\(i) = icmp eq i64 \(b), 0")
    line("%m\(i) = icmp eq i64 \(b), -1")
    line("%e\(i) = or i1 %z\(i), %m\(i)")
    line("%d\(i) = select i1 %e\(i), i64 1, i64 \(b)")
    if op == .idiv {
      line("%q\(i) = sdiv i64 \(a), %d\(i)")
      line("%n\(i) = sub i64 0, \(a)")
      line("%r\(i) = select i1 %m\(i), i64 %n\(i), i64 %q\(i)")
      line("%v\(i) = select i1 %z\(i), i64 0, i64 %r\(i)")
    } else {
      line("%q\(i) = srem i64 \(a), %d\(i)")
      line("%v\(i) = select i1 %e\(i), i64 0, i64 %q\(i)")
    }
  }

  /// `sign`: +1 above zero, −1 below, +0 for either zero, the operand itself for NaN.
  mutating func writeSign(_ i: Int, _ a: String) {
    line("%g\(i) = fcmp ogt double \(a), 0.0")
    line("%l\(i) = fcmp olt double \(a), 0.0")
    line("%e\(i) = fcmp oeq double \(a), 0.0")
    line("%x\(i) = select i1 %e\(i), double 0.0, double \(a)")
    line("%y\(i) = select i1 %l\(i), double -1.0, double %x\(i)")
    line("%v\(i) = select i1 %g\(i), double 1.0, double %y\(i)")
  }
}

extension IRConstant {
  /// The bit pattern as a signed decimal, for `bitcast i64 … to double` and i64 stores.
  var asBits: String { String(Int64(bitPattern: bits)) }
}

extension SlotKind {
  /// The value type of a scalar slot.
  var scalarType: IRType? {
    if case .scalar(let type, _) = self { return type }
    return nil
  }
}
