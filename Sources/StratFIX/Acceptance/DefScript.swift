import StratDiagnostics

/// A QuickFIX acceptance script (`.def`), parsed into steps. One line is one step:
///
///   # comment            (and blank lines: nothing)
///   iCONNECT             open connection 1      i2,CONNECT    open connection 2
///   iDISCONNECT          close connection 1
///   I8=FIX.4.2␁35=A␁…    send (9 and 10 filled in when absent; see `DefTemplate`)
///   E8=FIX.4.2␁9=63␁…    read one message and compare it (see `DefComparator`)
///   eDISCONNECT          wait for the acceptor to close the connection
///
/// A digit and a comma after the kind (`I1,`, `e2,`) name the connection; without them it is 1.
/// `eCONNECT` (the script plays the acceptor) is QuickFIX's client-side mode and is refused.
public struct DefScript: Sendable {
  /// What one step does.
  public enum Action: Sendable, Equatable {
    case connect
    case disconnect
    case send(DefTemplate)
    case expect(DefTemplate)
    case expectDisconnect
  }

  /// One step: its action, the connection it uses and the line it came from (1-based).
  public struct Step: Sendable, Equatable {
    public var action: Action
    public var connection: Int
    public var line: Int
  }

  /// The file the script was read from, for messages.
  public var path: String
  public var steps: [Step]

  /// The script's name: its file name without `.def`.
  public var name: String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".def") ? String(file.dropLast(4)) : file
  }

  /// Parses `text`; the first line that is not a step is a `fix.acceptance.bad-line` error.
  public static func parse(_ text: String, path: String) throws(FIXError) -> DefScript {
    var steps: [Step] = []
    var number = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var line = Substring(raw)
      if line.last == "\r" { line = line.dropLast() }
      if line.isEmpty || line.first == "#" { continue }
      steps.append(try step(line, number: number, path: path))
    }
    return DefScript(path: path, steps: steps)
  }

  // step := kind [digit ","] body
  private static func step(_ line: Substring, number: Int, path: String) throws(FIXError) -> Step {
    let at = DataLocation(path: path, line: number)
    func bad(_ why: String) -> FIXError {
      FIXError(id: "fix.acceptance.bad-line", message: why, location: at)
    }
    let kind = line.first!
    var body = line.dropFirst()
    var connection = 1
    if body.count >= 2, let digit = body.first?.wholeNumberValue, body.dropFirst().first == "," {
      connection = digit
      body = body.dropFirst(2)
    }
    switch (kind, String(body)) {
    case ("i", "CONNECT"): return Step(action: .connect, connection: connection, line: number)
    case ("i", "DISCONNECT"): return Step(action: .disconnect, connection: connection, line: number)
    case ("e", "DISCONNECT"):
      return Step(action: .expectDisconnect, connection: connection, line: number)
    case ("e", "CONNECT"):
      throw bad(
        "expected a step of a runner that connects; found eCONNECT, which waits for a connection (QuickFIX's client-side scripts are not supported)"
      )
    case ("I", _), ("E", _):
      let template: DefTemplate
      do throws(DefTemplate.Problem) { template = try DefTemplate(parsing: body) } catch {
        throw bad(error.message)
      }
      let action: Action = kind == "I" ? .send(template) : .expect(template)
      return Step(action: action, connection: connection, line: number)
    default:
      throw bad(
        "expected a comment, iCONNECT, iDISCONNECT, eDISCONNECT, an I (send) or an E (expect) line; found \"\(line.prefix(40))\""
      )
    }
  }
}
