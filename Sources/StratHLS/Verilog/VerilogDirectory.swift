import Foundation

/// The Verilog files `stratc emit-hls --verilog` adds to a kernel directory.
extension VerilogEmitter {
  /// Writes NAME.v, NAME_vtb.cpp and synth.ys into `directory`; returns their names.
  @discardableResult
  public func write(source: String, into directory: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let files = [("\(name).v", module(source: source)), ("\(name)_vtb.cpp", testbench()), ("synth.ys", yosysScript)]
    for (file, text) in files {
      try Data(text.utf8).write(to: directory.appendingPathComponent(file), options: .atomic)
    }
    return files.map(\.0)
  }
}
