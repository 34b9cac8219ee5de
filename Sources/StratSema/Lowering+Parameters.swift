import StratABI
import StratIR

extension Lowering {
  /// The parameter table of the checked program: what the checker knows of each parameter.
  static func parameterTable(_ program: CheckedProgram) -> ParameterTable {
    ParameterTable(
      program.params.enumerated().map { index, param in
        ParameterSpec(
          name: param.name, kind: IRParam(name: param.name, value: param.value).info.kind, type: param.typeName,
          unit: unit(param.type), range: param.range, sizesState: program.stateSizingParams.contains(index),
          foldedAtBuild: program.foldedParams.contains(index))
      })
  }

  /// The unit a parameter's value is in.
  static func unit(_ type: StratType) -> String {
    switch type {
    case .bool, .int: ""
    case .duration, .time: "ns"
    case .float(.none): ""
    case .float(.price): "price"
    case .float(.quantity): "qty"
    case .float(.money): "money"
    case .float(let dimension): dimension.name
    }
  }
}
