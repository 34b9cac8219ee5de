import Foundation
import StratNet

/// `strat-venue acceptance-run --connect HOST:PORT [--timeout SECONDS] SCRIPT.def|DIR …`: runs
/// each script on fresh connections, one after the other, and prints one line per script
/// (PASS/FAIL, the first mismatch) and a total. Exit codes: 0 all passed, 1 some failed,
/// 2 bad arguments or an unreadable script.
public enum AcceptanceCommand {
  public static let usage = """
    usage: strat-venue acceptance-run --connect HOST:PORT [--timeout SECONDS] SCRIPT.def|DIR ...
    """

  /// Runs the command; `print` receives each output line.
  public static func run(arguments: [String], print: (String) -> Void = { Swift.print($0) })
    -> Int32
  {
    var address: TCPAddress?
    var timeoutSeconds = 20
    var paths: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--connect":
        guard let text = rest.popFirst(), let parsed = try? TCPAddress.parse(text) else {
          print(
            "error: --connect needs HOST:PORT (an IPv4 address) [fix.acceptance.bad-argument]\n\(usage)"
          )
          return 2
        }
        address = parsed
      case "--timeout":
        guard let text = rest.popFirst(), let seconds = Int(text), seconds > 0 else {
          print(
            "error: --timeout needs a whole number of seconds [fix.acceptance.bad-argument]\n\(usage)"
          )
          return 2
        }
        timeoutSeconds = seconds
      default: paths.append(argument)
      }
    }
    guard let address, !paths.isEmpty else {
      print(
        "error: expected --connect HOST:PORT and at least one script [fix.acceptance.bad-argument]\n\(usage)"
      )
      return 2
    }
    var runner = AcceptanceRunner(address: address)
    runner.messageTimeoutMilliseconds = timeoutSeconds * 1000
    do throws(FIXError) {
      let scripts = try load(paths)
      let failures = scripts.filter { script in
        let result = runner.run(script)
        print(result.summary)
        return !result.passed
      }.count
      print(
        failures == 0
          ? "\(scripts.count) scripts passed" : "FAILED \(failures) of \(scripts.count) scripts"
      )
      return failures == 0 ? 0 : 1
    } catch {
      print(error.description)
      return 2
    }
  }

  /// The scripts named, a directory standing for its `.def` files in name order.
  public static func load(_ paths: [String]) throws(FIXError) -> [DefScript] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.filter { $0.hasSuffix(".def") }.sorted().map { "\(path)/\($0)" }
      } else {
        files.append(path)
      }
    }
    return try files.map { (file) throws(FIXError) in
      guard let data = FileManager.default.contents(atPath: file) else {
        throw FIXError(id: "fix.acceptance.unreadable", message: "cannot read the script \(file)")
      }
      return try DefScript.parse(String(decoding: data, as: UTF8.self), path: file)
    }
  }
}
