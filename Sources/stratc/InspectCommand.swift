import StratABI
import StratDiagnostics
import StratNative

/// `stratc inspect NAME.so`: what a stratc object says of itself, checked as `--object` checks
/// it before loading (ELF, everything the loader reads, metadata section, ABI version,
/// descriptor), read from the file alone: the object is never loaded, so none of its code runs.
enum InspectCommand {
  static func run(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one object file") }
    let path = args.positional[0]
    let image: ObjectImage
    do {
      image = try ObjectImage.read(path: path)
    } catch {
      output.report([Backends.diagnostic(error)])
      return .userError
    }
    let key = try args.value("key").map(ObjectSigning.loadKey)
    let signature = try ObjectSigning.describe(image, key: key)
    Output.standardOutput(describe(image.description) + signature + "\n")
    return .success
  }

  static func describe(_ code: ObjectDescription) -> String {
    let m = code.metadata, i = code.interface
    var lines = [
      "strategy   \(m.name)", "abi        \(m.abiVersion)", "compiler   \(m.compiler)", "cpu        \(m.cpu)",
      "source     sha256 \(m.sourceHash)", "code       sha256 \(m.codeHash)",
      "state      \(i.stateBytes) bytes in \(code.slots.count) slots; at most \(code.maxDecisions) decisions per step",
    ]
    lines += i.instruments.map { "instrument \($0.name) = \"\($0.symbol)\"" }
    lines += i.params.map { p in
      "param      \(p.name): \(p.kind.rawValue) = " + (p.kind == .int ? String(p.integer ?? Int64(p.value)) : p.kind == .bool ? (p.value != 0 ? "true" : "false") : "\(p.value)")
    }
    lines += code.slots.map { "slot       @\($0.offset) \($0.name): \(Self.kindNames[$0.kind]) \($0.capacity), \($0.size) bytes" }
    lines.append("reads      " + (i.inputFields.isEmpty ? "nothing" : i.inputFields.map(\.name).joined(separator: " ")))
    return lines.joined(separator: "\n") + "\n"
  }

  static let kindNames = ["scalar", "ring", "window", "pair window", "ema"]
}
