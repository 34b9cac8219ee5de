import StratFIX
import StratNet
import Testing

@Suite struct AcceptanceRunnerTests {
  static let now = AcceptanceScripts.fixedNow

  private func play(_ name: String, fault: ScriptedAcceptor.Fault = .none, timeout: Int = 5000)
    throws
    -> (AcceptanceResult, [String])
  {
    let script = try AcceptanceScripts.load("\(AcceptanceScripts.folder)/\(name).def")
    let acceptor = try ScriptedAcceptor(script: script, now: Self.now, fault: fault)
    var runner = AcceptanceRunner(address: .loopback(port: acceptor.listener.port))
    runner.now = { AcceptanceRunnerTests.now }
    runner.messageTimeoutMilliseconds = timeout
    runner.disconnectTimeoutMilliseconds = timeout
    let result = runner.run(script)
    return (result, acceptor.finish())
  }

  @Test(arguments: [
    "fix42/1a_ValidLogonWithCorrectMsgSeqNum", "fix44/1a_ValidLogonWithCorrectMsgSeqNum",
    "fix42/2m_BodyLengthValueNotCorrect", "fix42/3b_InvalidChecksum", "fix42/1b_DuplicateIdentity",
    "fix44/21_RepeatingGroupSpecifierWithValueOfZero", "fix44/14b_RequiredFieldMissing",
  ])
  func passesWhenTheAcceptorAnswersAsScripted(name: String) throws {
    let (result, problems) = try play(name)
    #expect(result.passed, "\(result.summary)")
    #expect(problems.isEmpty)
  }

  @Test func failsAtAWrongFieldAndShowsBothMessages() throws {
    let (result, _) = try play(
      "fix42/1a_ValidLogonWithCorrectMsgSeqNum",
      fault: .wrongValue(line: 9, tag: "34")
    )
    #expect(result.mismatch?.line == 9)
    #expect(result.mismatch?.expected?.contains("|34=2|") == true)
    #expect(result.mismatch?.received?.contains("|34=WRONG|") == true)
    #expect(result.summary.hasPrefix("FAIL 1a_ValidLogonWithCorrectMsgSeqNum line 9: "))
  }

  @Test func failsAtAMissingMessage() throws {
    let (result, _) = try play(
      "fix42/1a_ValidLogonWithCorrectMsgSeqNum",
      fault: .missing(line: 5),
      timeout: 300
    )
    #expect(result.mismatch?.line == 5)
    #expect(result.mismatch?.reason == "no message within 300 ms")
  }

  @Test func failsAtAnEarlyDisconnect() throws {
    let (result, _) = try play("fix42/2m_BodyLengthValueNotCorrect", fault: .disconnect(line: 17))
    #expect(result.mismatch?.line == 17)
    #expect(result.mismatch?.reason.contains("closed") == true)
  }

  @Test func failsWhenTheAcceptorSendsInsteadOfDisconnecting() throws {
    // 1c expects a Logout and a disconnect; a scripted acceptor that also answers the logon
    // (an E step the script does not have) is caught at eDISCONNECT.
    let text = "iCONNECT\nI8=FIX.4.2\u{1}35=0\u{1}\nE8=FIX.4.2\u{1}35=0\u{1}\neDISCONNECT\n"
    let script = try DefScript.parse(text, path: "t.def")
    let peerScript = try DefScript.parse(
      text.replacingOccurrences(of: "eDISCONNECT", with: "E8=FIX.4.2\u{1}35=1\u{1}"),
      path: "p.def"
    )
    let acceptor = try ScriptedAcceptor(script: peerScript, now: Self.now)
    var runner = AcceptanceRunner(address: .loopback(port: acceptor.listener.port))
    runner.now = { AcceptanceRunnerTests.now }
    runner.disconnectTimeoutMilliseconds = 2000
    let result = runner.run(script)
    _ = acceptor.finish()
    #expect(result.mismatch?.line == 4)
    #expect(result.mismatch?.received?.contains("|35=1|") == true)
  }

  @Test func commandPrintsOneLinePerScriptAndExitCodes() throws {
    let path = "\(AcceptanceScripts.folder)/fix44/1a_ValidLogonWithCorrectMsgSeqNum.def"
    let script = try AcceptanceScripts.load(path)
    let acceptor = try ScriptedAcceptor(
      script: script,
      now: AcceptanceRunner.systemTime(),
      checksBytes: false
    )
    var lines: [String] = []
    let code = AcceptanceCommand.run(arguments: [
      "--connect", "127.0.0.1:\(acceptor.listener.port)", path,
    ]) {
      lines.append($0)
    }
    _ = acceptor.finish()
    #expect(code == 0)
    #expect(lines == ["PASS 1a_ValidLogonWithCorrectMsgSeqNum", "1 scripts passed"])
    #expect(AcceptanceCommand.run(arguments: [path]) { _ in } == 2)
    #expect(
      AcceptanceCommand.run(arguments: ["--connect", "127.0.0.1:1", "/nonexistent.def"]) { _ in }
        == 2
    )
  }
}
