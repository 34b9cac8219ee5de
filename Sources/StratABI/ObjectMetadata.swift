/// What a compiled strategy says about itself, in its descriptor and, as text, in the object's
/// `.stratc` section, where a loader can read it before running any of the object's code.
///
/// The section's text is a first line `stratc object` and then `key=value` lines:
/// `abi`, `name`, `compiler`, `source_hash`, `code_hash`, `cpu`.
public struct ObjectMetadata: Sendable, Equatable {
  /// The ABI version of `include/stratc.h` the object was built for.
  public var abiVersion: Int
  /// The strategy's declared name.
  public var name: String
  /// The compiler that built it, with the LLVM version.
  public var compiler: String
  /// SHA-256 of the .strat source, lowercase hex.
  public var sourceHash: String
  /// SHA-256 of what the code computes (`IRModule.codeHash`).
  public var codeHash: String
  /// The CPU the code was compiled for.
  public var cpu: String

  public init(abiVersion: Int, name: String, compiler: String, sourceHash: String, codeHash: String, cpu: String) {
    self.abiVersion = abiVersion
    self.name = name
    self.compiler = compiler
    self.sourceHash = sourceHash
    self.codeHash = codeHash
    self.cpu = cpu
  }

  static let firstLine = "stratc object"

  /// The section text. Values never contain a newline (names are identifiers, hashes hex).
  public var sectionText: String {
    [
      Self.firstLine, "abi=\(abiVersion)", "name=\(name)", "compiler=\(compiler)",
      "source_hash=\(sourceHash)", "code_hash=\(codeHash)", "cpu=\(cpu)",
    ].joined(separator: "\n") + "\n"
  }

  /// Parses the section text; nil when it is not a stratc object's metadata.
  public init?(sectionText text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.first == Self.firstLine else { return nil }
    lines.removeFirst()
    var values: [String: String] = [:]
    for line in lines where !line.isEmpty {
      guard let equals = line.firstIndex(of: "=") else { return nil }
      values[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard let abi = values["abi"].flatMap(Int.init), let name = values["name"], let compiler = values["compiler"],
      let source = values["source_hash"], let code = values["code_hash"], let cpu = values["cpu"]
    else { return nil }
    self.init(abiVersion: abi, name: name, compiler: compiler, sourceHash: source, codeHash: code, cpu: cpu)
  }
}

extension ObjectMetadata {
  /// The ABI version this build of stratc writes and loads (`STRATC_ABI_VERSION`).
  public static let abiVersion = ObjectABI.version
  /// The ELF section holding the metadata text.
  public static let sectionName = ObjectABI.metadataSection
  /// The one symbol a stratc object exports.
  public static let entrySymbol = ObjectABI.entrySymbol
}
