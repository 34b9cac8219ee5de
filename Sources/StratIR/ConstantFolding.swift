import Foundation

/// Folds instructions whose operands are constants, with the same operations the interpreter
/// performs (IEEE arithmetic, wrapping integers, and the C library's log, exp, sqrt, fabs,
/// round, fmin and fmax), so the folded bits are the bits a run would compute.
///
/// Also: `select` with a constant condition or equal arms becomes its chosen operand; `and`/`or`
/// with one constant operand are simplified; an effect whose predicate is constant false is
/// removed, and a constant true predicate is dropped. Parameters are never folded: they are bound
/// when the strategy runs. Folded instructions keep their names; the constants they used are left
/// for dead-code elimination.
public enum ConstantFolding {
  /// Returns the module with every foldable instruction folded.
  public static func run(_ module: IRModule) -> IRModule {
    var result = module
    var constants: [ValueID: IRConstant] = [:]
    var replacements: [ValueID: ValueID] = [:]
    var removed: Set<ValueID> = []
    func resolve(_ value: ValueID) -> ValueID { replacements[value] ?? value }
    for index in result.step.indices {
      result.step[index].args = result.step[index].args.map(resolve)
      result.step[index].predicate = result.step[index].predicate.map(resolve)
      let instruction = result.step[index]
      if instruction.op == .const, case .constant(let constant) = instruction.imm {
        constants[index] = constant
      } else if instruction.op.isEffect {
        guard let predicate = instruction.predicate,
          case .bool(let always)? = constants[predicate]
        else { continue }
        if always { result.step[index].predicate = nil } else { removed.insert(index) }
      } else if instruction.op.isPure {
        switch simplified(instruction, constants) {
        case .constant(let constant)? where constant.type == instruction.type:
          result.step[index] = Instruction(
            name: instruction.name,
            op: .const,
            type: constant.type,
            imm: .constant(constant)
          )
          constants[index] = constant
        case .value(let value)?:
          replacements[index] = value
          removed.insert(index)
        default: break
        }
      }
    }
    return result.removingInstructions(removed, replacing: replacements)
  }

  private enum Simplification {
    case constant(IRConstant)
    case value(ValueID)
  }

  private static func simplified(
    _ instruction: Instruction,
    _ constants: [ValueID: IRConstant]
  ) -> Simplification? {
    let args = instruction.args
    let known = args.map { constants[$0] }
    if !known.isEmpty, !known.contains(where: { $0 == nil }) {
      if let folded = evaluate(instruction.op, known.compactMap { $0 }) {
        return .constant(folded)
      }
    }
    switch (instruction.op, args.count) {
    case (.select, 3):
      if case .bool(let condition)? = known[0] { return .value(condition ? args[1] : args[2]) }
      return args[1] == args[2] ? .value(args[1]) : nil
    case (.and, 2), (.or, 2):
      let absorbing = instruction.op == .or
      if args[0] == args[1] { return .value(args[0]) }
      for (side, other) in [(0, 1), (1, 0)] {
        guard case .bool(let b)? = known[side] else { continue }
        return b == absorbing ? .constant(.bool(b)) : .value(args[other])
      }
      return nil
    default: return nil
    }
  }
}
