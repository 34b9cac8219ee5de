import StratABI
import StratDiagnostics
import StratIR
import StratSyntax

extension Checker {
  /// Checks `bid_price(a, k)` and its siblings: an instrument and a constant level in
  /// 1…`InputField.maxLevels`.
  mutating func checkDepthCall(
    _ name: Identifier, _ args: [Expr], span: SourceSpan,
    column: (Int) -> (InputField, StratType)
  ) -> TypedExpr? {
    let signature = "\(name.name)(instrument, level)"
    guard args.count == 2 else {
      report(SemaDiagnostics.wrongArgumentCount(signature, expected: 2...2, found: args.count, span: span))
      return nil
    }
    guard case .name(let id) = args[0], case .instrument(let index)? = entities[id.name]?.0 else {
      if case .name(let id) = args[0] {
        report(SemaDiagnostics.unknownInstrument(id, candidates: instrumentNames()))
      } else {
        report(SemaDiagnostics.depthOfNonInstrument(signature, span: args[0].span))
      }
      return nil
    }
    used.insert(id.name)
    guard let typed = checkExpression(args[1]) else { return nil }
    guard typed.type == .int,
      case .i64(let level)? = ConstantEvaluator(params: checked.params).evaluate(typed)
    else {
      reportNotConstant(typed, SemaDiagnostics.notConstant("the level of `\(name.name)`", span: args[1].span))
      return nil
    }
    checked.foldedParams.formUnion(typed.paramsRead)
    guard (1...Int64(InputField.maxLevels)).contains(level) else {
      report(SemaDiagnostics.bookLevelOutOfRange(level, span: args[1].span))
      return nil
    }
    let (field, type) = column(Int(level))
    return TypedExpr(kind: .field(instrument: index, field), type: type, span: span)
  }
}
