/// One optimisation pass: a named function from a verifiable module to a verifiable module.
public struct IRPass: Sendable {
  /// The pass's short name (`fold`, `cse`, `share-windows`, `dce`).
  public let name: String
  /// Applies the pass.
  public let run: @Sendable (IRModule) -> IRModule

  /// Creates a pass.
  public init(name: String, run: @escaping @Sendable (IRModule) -> IRModule) {
    self.name = name
    self.run = run
  }
}

/// Runs the optimisation passes in a fixed order until the module stops changing.
public enum PassPipeline {
  /// The passes in the order `optimize` applies them in each round.
  public static let passes: [IRPass] = [
    IRPass(name: "fold", run: ConstantFolding.run),
    IRPass(name: "cse", run: CommonSubexpressionElimination.run),
    IRPass(name: "share-windows", run: SharedWindows.run),
    IRPass(name: "dce", run: DeadCodeElimination.run),
  ]

  /// A bound on rounds; every pass only removes or simplifies, so a fixed point comes far sooner.
  static let maximumRounds = 64

  /// Returns the module after running every pass, round after round, until a round changes
  /// nothing. Value ids are dense and names are kept; running it again changes nothing.
  public static func optimize(_ module: IRModule) -> IRModule {
    var current = module
    for _ in 0..<maximumRounds {
      let next = passes.reduce(current) { module, pass in pass.run(module) }
      if next.step == current.step && next.slots == current.slots { return next }
      current = next
    }
    return current
  }
}
