import Foundation
import StratDiagnostics

/// The system's time-zone database: TZif files under `$TZDIR`, else `/usr/share/zoneinfo`
/// (Debian's `tzdata` package). Foundation's `TimeZone` is not used: on Linux it carries its
/// own ICU data, which need not match the system's files.
public enum ZoneDatabase {
  /// Why a zone could not be loaded.
  public enum LookupError: Error, Sendable {
    /// No file of that name (or the name is not a zone name); with the closest names.
    case notFound(name: String, directory: String, suggestions: [String])
    /// The file exists and is not a usable TZif file.
    case malformed(Diagnostic)

    /// The error as a diagnostic (data-side callers; the checker words its own).
    public var diagnostic: Diagnostic {
      switch self {
      case .notFound(let name, let directory, let suggestions):
        ZoneDiagnostics.unknownZone(name, directory: directory, suggestions: suggestions)
      case .malformed(let diagnostic): diagnostic
      }
    }
  }

  /// TZif files are a few kilobytes; anything larger is not one.
  static let maximumFileSize = 1 << 20

  /// The directory searched for zone files.
  public static var directory: String {
    ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
  }

  /// Loads the rules of a zone such as `America/New_York`.
  public static func rules(named name: String) throws(LookupError) -> ZoneRules {
    let directory = directory
    let path = directory + "/" + name
    guard isZoneName(name), let bytes = contents(of: path) else {
      throw .notFound(name: name, directory: directory, suggestions: suggestions(for: name, in: directory))
    }
    do throws(Diagnostic) {
      return try rules(bytes: bytes, name: name, path: path)
    } catch {
      throw .malformed(error)
    }
  }

  /// Parses TZif bytes and their footer into rules.
  public static func rules(bytes: [UInt8], name: String, path: String) throws(Diagnostic) -> ZoneRules {
    let tzif = try TZif(bytes: bytes, path: path)
    var rule: POSIXTZRule?
    if let footer = tzif.footer {
      guard let parsed = POSIXTZRule(footer) else {
        throw ZoneDiagnostics.badZoneFile(
          path: path, byteOffset: nil, "the footer \"\(footer)\" is not a POSIX TZ rule")
      }
      rule = parsed
    }
    return ZoneRules(name: name, tzif: tzif, rule: rule)
  }

  /// A relative path of letters, digits, `_ + -` and `/`, without `.` or `..` components.
  static func isZoneName(_ name: String) -> Bool {
    let allowed = name.utf8.allSatisfy { c in
      (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39)
        || c == UInt8(ascii: "_") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "/")
    }
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    return allowed && !name.isEmpty && parts.allSatisfy { !$0.isEmpty }
  }

  /// A regular file's bytes, or nil when it is missing, a directory or too large to be a zone.
  static func contents(of path: String) -> [UInt8]? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
      size <= maximumFileSize, let data = FileManager.default.contents(atPath: path)
    else { return nil }
    return [UInt8](data)
  }

  /// The closest zone names to `name` (case-insensitive edit distance), best first.
  public static func suggestions(for name: String, in directory: String) -> [String] {
    let names = zoneNames(in: directory)
    if let exact = names.first(where: { $0.lowercased() == name.lowercased() }) { return [exact] }
    let byLastPart = names.filter { $0.split(separator: "/").last.map(String.init)?.lowercased() == name.lowercased() }
    if !byLastPart.isEmpty { return Array(byLastPart.prefix(2)) }
    return Suggestions.closest(to: name, among: names)
  }

  /// The zone names in the database: files whose name starts with a capital letter, outside
  /// the `posix/` and `right/` copies.
  public static func zoneNames(in directory: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var names: [String] = []
    while let entry = walker.nextObject() as? String {
      let parts = entry.split(separator: "/")
      if parts.first == "posix" || parts.first == "right" || parts.first == "Etc" && parts.count == 1 { continue }
      guard let last = parts.last, let c = last.utf8.first, c >= 0x41, c <= 0x5A, !last.contains(".") else { continue }
      if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { continue }
      names.append(entry)
    }
    return names.sorted()
  }
}
