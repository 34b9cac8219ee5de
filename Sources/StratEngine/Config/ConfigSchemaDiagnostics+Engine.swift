import StratConfig
import StratDiagnostics

// The errors of the engine's own schema (the generic ones are in StratConfig).

extension ConfigSchemaDiagnostics {
  static func notApplicable(_ table: String, _ key: String, kind: String, at span: SourceSpan)
    -> Diagnostic
  {
    Diagnostic(
      id: "engine.config.not-applicable",
      message: "`\(qualified(table, key))` does not apply to a feed of kind \(kind)",
      primary: Label(span)
    )
  }

  static func remote(_ address: EngineConfig.Address, at source: ConfigValue) -> Diagnostic {
    Diagnostic(
      id: "engine.config.remote",
      message:
        "`control.listen` is \(address), which is not a loopback address: the control API would be reachable from the network",
      primary: Label(source.span),
      notes: ["set `allow_remote = true` in [control] if that is intended"]
    )
  }
}
