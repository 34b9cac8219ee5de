import StratABI

extension IRModule {
  /// SHA-256 of what the step computes: the printed IR with every parameter's value zeroed, the
  /// instruments' symbols and the risk limits left out, since native code reads all three at
  /// run time. Two modules with the same code hash can share one compiled code; a compiled
  /// object carries it so that a loader can tell whether it was built from this strategy.
  public var codeHash: String {
    var shape = self
    shape.params = params.map { IRParam(name: $0.name, value: $0.value.zeroOfType) }
    shape.instruments = instruments.map { IRInstrument(name: $0.name, symbol: "") }
    shape.risk = []
    return SHA256.hex(IRPrinter.print(shape).utf8)
  }
}

extension IRConstant {
  /// Zero of the same type.
  var zeroOfType: IRConstant {
    switch self {
    case .f64: .f64(0)
    case .i64: .i64(0)
    case .bool: .bool(false)
    }
  }
}
