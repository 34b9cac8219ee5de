import Foundation
import StratDiagnostics
import StratNative

/// `stratc keygen KEYFILE [--force]`: a new signing key for `build --sign` and the live engine,
/// 32 bytes from /dev/urandom written as hex with mode 0600, never over an existing file
/// unless `--force` (objects signed with the old key then stop loading).
enum KeygenCommand {
  static func run(_ rest: [String]) -> ExitCode {
    var output = Output(arguments: rest)
    do {
      let args = try Arguments(rest, valued: ["diagnostics"], switches: ["force"])
      output.format = args.value("diagnostics") == "json" ? .json : .text
      guard args.positional.count == 1 else {
        throw Arguments.Problem.usage("name exactly one key file to write")
      }
      let path = args.positional[0]
      // Like `build -o DIR/NAME.so`, a missing folder is made (private: it holds a key).
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
        try FileManager.default.createDirectory(
          atPath: folder,
          withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700]
        )
      }
      do {
        let key = try SigningKey.generate(path: path, replacing: args.has("force"))
        Output.standardOutput("wrote \(path): key \(key.id), mode 0600\n")
        return .success
      } catch {
        output.report([ObjectSigning.diagnostic(error)])
        return .userError
      }
    } catch {
      return CommandFailure.exitCode(for: error, command: "keygen", output: output)
    }
  }

  static let help = """
    stratc keygen KEYFILE [--force]

    Writes a new HMAC-SHA256 signing key to KEYFILE: 32 bytes from /dev/urandom as 64 hex
    digits and a newline, with mode 0600, and prints its key id (the first 8 bytes of its
    SHA-256, which names it in signatures and logs without revealing it). `stratc build
    --sign KEYFILE` signs objects with it; the live engine, configured with the same file,
    loads only objects it signed. A key file that group or others may read is refused
    wherever a key is read. KEYFILE is never replaced unless --force is given: every object
    signed with the old key is then refused until it is signed again.

      --force    replace an existing KEYFILE (atomically)

    EXAMPLES
      stratc keygen out/examples/keygen/strat.key --force
      stratc build Strategies/pairs.strat -o out/examples/keygen/pairs.so --sign out/examples/keygen/strat.key
      stratc inspect out/examples/keygen/pairs.so --key out/examples/keygen/strat.key
    """
}
