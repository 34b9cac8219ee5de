import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratLLVM
import StratNative

/// `stratc build FILE -o NAME.so [--sign KEYFILE]`: the strategy as a shared object with the C
/// ABI of include/stratc.h, and its signature NAME.so.sig for the live engine.
enum BuildCommand {
  static func run(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one .strat file") }
    guard let path = args.value("out") else { throw Arguments.Problem.usage("give -o NAME.so") }
    try Backends.validate(args)
    try OutputPaths.checkOutputFile(flag: "-o", path: path, inputs: args.positional)
    let key = try args.value("sign").map { keyPath in
      try OutputPaths.checkFile(flag: "--sign", path: ObjectSignature.path(forObject: path), inputs: args.positional + [keyPath])
      try OutputPaths.checkFile(flag: "-o", path: path, inputs: [keyPath])
      return try ObjectSigning.loadKey(keyPath)
    }
    let cpu = Backends.cpu(args)
    let params = Dictionary(try args.pairs("param"), uniquingKeysWith: { $1 })
    var compiled: CompileCommands.Compiled
    switch CompileCommands.compile(args.positional[0], params: params, optimize: true, output: output) {
    case .success(let c): compiled = c
    case .failure(let code): return code
    }
    if let code = BacktestCommand.bind(&compiled.module, try args.pairs("instrument"), output: output) { return code }
    // `-o DIR/NAME.so` creates DIR, as `--out` does for a backtest.
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    // Signed, the object is built beside its place and moved there after its signature.
    let built = key == nil ? path : ObjectSigning.stagingPath(for: path)
    defer { if built != path { unlink(built) } }
    let metadata: ObjectMetadata
    do {
      metadata = try NativeBackend.buildObject(compiled.module, sourceHash: compiled.sourceHash, cpu: cpu, to: built)
    } catch {
      output.report([Backends.diagnostic(error)])
      return error.isCompilerBug ? .internalError : .userError
    }
    try ObjectSigning.install(built: built, at: path, key: key)
    if !args.has("quiet") {
      Output.standardError(
        "built \(path): strategy \(metadata.name), ABI \(metadata.abiVersion), CPU \(metadata.cpu), "
          + "\(compiled.module.stateBytes) state bytes, \(compiled.module.params.count) parameters"
          + (key.map { ", signed by key \($0.id) in \(ObjectSignature.path(forObject: path))" } ?? "") + "\n")
    }
    return .success
  }
}
