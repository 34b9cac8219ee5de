import Foundation
import StratConfig
import StratDiagnostics

extension EngineConfig {
  /// Values from `strat-engine run`'s command line, which replace the file's. Paths are taken
  /// as given (relative to the working directory, like every command-line path).
  package struct Overrides: Sendable {
    /// `--replay FILE`: another day for the same feed (its messages or file).
    package var replay: String?
    package var out: String?
    /// `--speed X`: real-time pacing times X.
    package var speed: Double?
    package var journal: String?
    package var control: Address?
    package var tokenFile: String?
    /// `--fix-port PORT`: the FIX venue's port (another acceptor on the same host).
    package var fixPort: UInt16?

    package init(
      replay: String? = nil,
      out: String? = nil,
      speed: Double? = nil,
      journal: String? = nil,
      control: Address? = nil,
      tokenFile: String? = nil
    ) {
      self.replay = replay
      self.out = out
      self.speed = speed
      self.journal = journal
      self.control = control
      self.tokenFile = tokenFile
    }
  }

  /// Reads the file at `path` (at most `ConfigParser.maximumBytes`), parses it and decodes it:
  /// the configuration, or every problem found, located in the file.
  package static func load(path: String, overrides: Overrides = Overrides())
    throws(EngineConfigError) -> EngineConfig
  {
    let bytes: [UInt8]
    do {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CocoaError(.fileReadNoSuchFile)
      }
      defer { try? handle.close() }
      bytes = [UInt8](try handle.read(upToCount: ConfigParser.maximumBytes + 1) ?? Data())
    } catch {
      throw EngineConfigError(diagnostics: [
        ConfigDiagnostics.unreadable(path, reason: reason(error, path))
      ])
    }
    return try parse(
      SourceFile(path: path, bytes: bytes),
      folder: folder(of: path),
      overrides: overrides
    )
  }

  /// Parses and decodes a configuration's text; `folder` is where its relative paths start.
  package static func parse(_ file: SourceFile, folder: String, overrides: Overrides = Overrides())
    throws(EngineConfigError) -> EngineConfig
  {
    let root: ConfigTable
    do {
      root = try ConfigParser.parse(file)
    } catch {
      throw EngineConfigError(diagnostics: [error])
    }
    return try decode(root, file: file, folder: folder, overrides: overrides)
  }

  /// The folder of `path`, absolute (so that resolved paths stay right if the engine changes
  /// its working directory).
  static func folder(of path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return ConfigPaths.resolve(absolute + "/..", against: "")
  }

  static func reason(_ error: any Error, _ path: String) -> String {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      return "it is a folder"
    }
    return SystemErrorText.describe(error)
  }
}
