import StratDiagnostics

extension Parser {
  // rule := "when" expr "{" { action } "}"
  mutating func parseRule() -> RuleDecl? {
    let keyword = advance().span
    let condition = parseExpression()
    guard expect(.leftBrace, "to open the rule's actions") else { return nil }
    var actions: [Action] = []
    while !atSymbol(.rightBrace) && !at(.end) && !atDeclarationStart {
      let before = position
      let action = parseAction()
      if let action { actions.append(action) }
      if action != nil && !isActionStart && !atDeclarationStart { reportExpectedAction() }
      if position == before || !isActionStart { skipToActionBoundary() }
    }
    expect(.rightBrace, "to close the rule's actions")
    return RuleDecl(keyword: keyword, condition: condition, actions: actions)
  }

  var isActionStart: Bool {
    switch current.kind {
    case .keyword(.target), .keyword(.flat), .keyword(.buy), .keyword(.sell), .identifier,
      .symbol(.rightBrace), .end:
      true
    default: false
    }
  }

  /// True at a keyword that starts a declaration: an unclosed block ends there.
  var atDeclarationStart: Bool {
    guard case .keyword(let k) = current.kind else { return false }
    return [.instrument, .param, .let, .state, .fn, .model, .when, .risk, .schedule].contains(k)
  }

  mutating func skipToActionBoundary() {
    while !isActionStart && !atDeclarationStart { advance() }
  }

  // action := "target" IDENT "=" expr | "flat" [IDENT]
  //         | ("buy"|"sell") IDENT expr ["limit" expr ["ioc" | "replace"]]
  //         | "cancel" IDENT ["buy" | "sell"] | IDENT "=" expr
  mutating func parseAction() -> Action? {
    let start = current.span.start
    switch current.kind {
    case .keyword(.target):
      advance()
      guard let instrument = expectIdentifier("an instrument after `target`"),
        expect(.assign, "between the instrument and its target quantity")
      else { return nil }
      return .target(instrument: instrument, quantity: parseExpression())
    case .keyword(.flat):
      advance()
      var instrument: Identifier?
      // `flat x = …` is `flat` then an assignment, and `flat cancel a` is `flat` then a cancel.
      if at(.identifier), tokens[position + 1].kind != .symbol(.assign), !startsCancel {
        let token = advance()
        instrument = Identifier(name: token.text, span: token.span)
      }
      return .flat(instrument: instrument, span: span(from: start))
    case .keyword(.buy), .keyword(.sell):
      let isBuy = advance().kind == .keyword(.buy)
      guard let instrument = expectIdentifier("an instrument after `\(isBuy ? "buy" : "sell")`")
      else { return nil }
      let quantity = parseExpression()
      var limit: Expr?
      var style = LimitStyle.rest
      if atWord("limit") {
        advance()
        limit = parseExpression()
        if atWord("ioc") || atWord("replace") {
          style = advance().text == "ioc" ? .ioc : .replace
        }
      }
      return .order(
        isBuy: isBuy, instrument: instrument, quantity: quantity, limit: limit, style: style,
        span: span(from: start))
    case .identifier where startsCancel:
      advance()
      let instrument = expectIdentifier("an instrument after `cancel`")!
      var isBuy: Bool?
      if at(.keyword(.buy)) || at(.keyword(.sell)), !startsOrderAfterSide {
        isBuy = advance().kind == .keyword(.buy)
      }
      return .cancel(instrument: instrument, isBuy: isBuy, span: span(from: start))
    case .identifier:
      let name = expectIdentifier("a state variable")!
      guard expect(.assign, "to assign the state variable `\(name.name)`") else { return nil }
      return .assign(state: name, value: parseExpression())
    default:
      reportExpectedAction()
      return nil
    }
  }

  /// At `cancel IDENT`: a cancel action (`cancel` is a contextual word, not a keyword).
  var startsCancel: Bool { atWord("cancel") && tokens[position + 1].kind == .identifier }

  /// At `buy`/`sell` after `cancel IDENT`: true when it begins an order (`buy a 5`) rather than
  /// naming the side to cancel. A side is followed by anything but an instrument: the end of
  /// the rule, another action, an assignment (`cancel a buy  x = 1`) or a cancel (`cancel a buy
  /// cancel b`).
  var startsOrderAfterSide: Bool {
    let next = tokens[position + 1]
    guard next.kind == .identifier else { return false }
    let after = tokens[position + 2].kind
    return after != .symbol(.assign) && !(next.text == "cancel" && after == .identifier)
  }

  mutating func reportExpectedAction() {
    error(
      "parse.expected-action",
      "expected an action (target, flat, buy, sell, cancel or a state assignment); found \(current.describedForUser)",
      at: current.span)
  }

  // risk := "risk" "{" { risk_item } "}"
  mutating func parseRisk() -> RiskDecl? {
    advance()
    guard expect(.leftBrace, "to open the risk block") else { return nil }
    var items: [RiskItem] = []
    while !atSymbol(.rightBrace) && !at(.end) {
      guard let name = expectIdentifier("a risk limit name") else {
        skipToActionBoundary()
        if !at(.identifier) { break }
        continue
      }
      var instrument: Identifier?
      if at(.identifier) { instrument = expectIdentifier("an instrument") }
      guard expect(.assign, "after the limit's name") else { continue }
      let value = parseExpression()
      var per: Expr?
      if atWord("per") {
        advance()
        per = parseExpression()
      }
      items.append(RiskItem(name: name, instrument: instrument, value: value, per: per))
    }
    expect(.rightBrace, "to close the risk block")
    return RiskDecl(items: items)
  }

  // schedule := "schedule" "{" { "hours" TIME "to" TIME | "timezone" STRING | "flatten_before" expr } "}"
  mutating func parseSchedule() -> ScheduleDecl? {
    let start = advance().span.start
    guard expect(.leftBrace, "to open the schedule block") else { return nil }
    var items: [ScheduleItem] = []
    while !atSymbol(.rightBrace) && !at(.end) && !atDeclarationStart {
      let word = current
      if atWord("hours") {
        advance()
        guard let open = expectTimeOfDay() else {
          skipScheduleItem()
          continue
        }
        guard atWord("to") else {
          error("parse.expected-hours", "expected `hours HH:MM to HH:MM`", at: current.span)
          skipScheduleItem()
          continue
        }
        advance()
        guard let close = expectTimeOfDay() else {
          skipScheduleItem()
          continue
        }
        items.append(.hours(open: open, close: close))
      } else if atWord("timezone") {
        advance()
        guard at(.string) else {
          error("parse.expected-timezone", "expected a timezone string such as \"UTC\" or \"-05:00\"", at: current.span)
          skipScheduleItem()
          continue
        }
        items.append(.timezone(advance()))
      } else if atWord("flatten_before") {
        advance()
        items.append(.flattenBefore(parseExpression(), span: word.span))
      } else {
        error(
          "parse.unknown-schedule-item",
          "expected `hours`, `timezone` or `flatten_before` in a schedule; found \(current.describedForUser)",
          at: current.span)
        skipScheduleItem()
      }
    }
    expect(.rightBrace, "to close the schedule block")
    return ScheduleDecl(span: span(from: start), items: items)
  }

  /// Skips the rest of a malformed schedule item: the token in error, then whatever can belong
  /// to an item's value (times, numbers, `to`, `:`), so the next item is parsed afresh.
  mutating func skipScheduleItem() {
    if !at(.end) && !atSymbol(.rightBrace) && !atDeclarationStart && !atScheduleWord { advance() }
    while at(.timeOfDay) || at(.number) || atSymbol(.colon) || atWord("to") { advance() }
  }

  var atScheduleWord: Bool { atWord("hours") || atWord("timezone") || atWord("flatten_before") }

  mutating func expectTimeOfDay() -> Token? {
    if at(.timeOfDay) { return advance() }
    error(
      "parse.expected-time-of-day", "expected a time of day like 09:30; found \(current.describedForUser)",
      at: current.span)
    return nil
  }
}
