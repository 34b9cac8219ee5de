import Foundation

/// The FIX versions whose dictionaries ship with stratc (Sources/StratFIX/Dictionaries).
public enum FIXVersion: String, Sendable, CaseIterable {
  case fix42 = "4.2"
  case fix44 = "4.4"

  public var beginString: String { "FIX.\(rawValue)" }
  var fileName: String { rawValue == "4.2" ? "FIX42" : "FIX44" }
}

extension FIXDictionary {
  /// The shipped dictionary of `version`, read once per process. Looks in the resource bundle
  /// beside the executable (SwiftPM's `stratc_StratFIX.resources`), then in the source tree.
  public static func bundled(_ version: FIXVersion) throws(FIXError) -> FIXDictionary {
    try BundledDictionaries.shared.dictionary(version)
  }
}

private final class BundledDictionaries: @unchecked Sendable {
  static let shared = BundledDictionaries()
  private let lock = NSLock()
  private var loaded: [FIXVersion: FIXDictionary] = [:]

  func dictionary(_ version: FIXVersion) throws(FIXError) -> FIXDictionary {
    lock.lock()
    defer { lock.unlock() }
    if let dictionary = loaded[version] { return dictionary }
    guard let path = Self.path(of: version) else {
      throw FIXError(
        id: "fix.dictionary.missing",
        message: "the FIX \(version.rawValue) dictionary (\(version.fileName).xml) is not beside the executable;"
          + " set the dictionary path in the configuration")
    }
    let dictionary = try FIXDictionary.load(path: path)
    loaded[version] = dictionary
    return dictionary
  }

  /// Bundle.module would trap when the bundle is missing; a moved executable gets an error.
  private static func path(of version: FIXVersion) -> String? {
    let file = "\(version.fileName).xml"
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    var candidates = [
      executable.appendingPathComponent("stratc_StratFIX.resources/Dictionaries/\(file)").path,
      Bundle.main.bundleURL.appendingPathComponent("stratc_StratFIX.resources/Dictionaries/\(file)").path,
    ]
    // Tests run from .build/<config>/…xctest; the source tree is two levels above .build.
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(source.appendingPathComponent("Dictionaries/\(file)").path)
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }
}
