import Foundation
import StratABI
import StratDiagnostics
import StratModels
import StratSyntax

/// Reads the trained-model files a strategy names (`xgboost("m.json", …)`): a path is taken
/// from the strategy file's folder unless it is absolute. Injectable, so that a test or a
/// caller holding the bytes need not touch the disk.
public struct ModelFileReader: Sendable {
  /// Largest model file read (a 200,000-node ensemble is a few MB).
  public static let maximumBytes = 64 << 20
  public var read: @Sendable (String) throws(ModelFileError) -> [UInt8]

  public init(read: @escaping @Sendable (String) throws(ModelFileError) -> [UInt8]) {
    self.read = read
  }

  /// Files named relative to the folder of the strategy at `sourcePath`.
  public static func relative(to sourcePath: String) -> ModelFileReader {
    let folder = (sourcePath as NSString).deletingLastPathComponent
    return ModelFileReader { (path: String) throws(ModelFileError) -> [UInt8] in
      let full = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
      // A pipe or a device (/dev/stdin, /dev/zero) would block or never end: files only.
      var info = stat()
      guard stat(full, &info) == 0 else { throw ModelFileError("cannot open `\(full)`") }
      guard info.st_mode & S_IFMT == S_IFREG else { throw ModelFileError("`\(full)` is not a regular file") }
      guard let handle = FileHandle(forReadingAtPath: full) else { throw ModelFileError("cannot open `\(full)`") }
      defer { try? handle.close() }
      guard let data = try? handle.read(upToCount: maximumBytes + 1) else { throw ModelFileError("cannot read `\(full)`") }
      guard data.count <= maximumBytes else { throw ModelFileError("`\(full)` is larger than \(maximumBytes >> 20) MiB") }
      return [UInt8](data)
    }
  }
}

/// A model file as the strategy names it, and the SHA-256 of the bytes compiled in.
public struct ModelFileDigest: Sendable, Equatable {
  public var path: String
  public var sha256: String
}

/// A model read from a file, as the checked program carries it: trees or a network.
struct LoadedModel {
  var ensemble: TreeEnsemble?
  var network: NeuralNetwork?
  var margin: Bool

  var featureCount: Int { ensemble?.featureCount ?? network?.featureCount ?? 0 }
  var featureNames: [String] { ensemble?.featureNames ?? network?.featureNames ?? [] }
}

extension Checker {
  /// Loads and checks `decl`'s file against the features the strategy gives: their count,
  /// their order (by name, where both sides name them) and their units (plain numbers).
  mutating func loadModelFile(_ decl: ModelDecl, features: [TypedExpr]) -> LoadedModel? {
    guard let file = decl.file else { return nil }
    var model = LoadedModel(ensemble: nil, network: nil, margin: decl.margin)
    do {
      let bytes = try modelFiles.read(file.path)
      if !checked.modelFiles.contains(where: { $0.path == file.path }) {
        checked.modelFiles.append(ModelFileDigest(path: file.path, sha256: SHA256.hex(bytes)))
      }
      switch decl.kind {
      case .xgboost: model.ensemble = try XGBoostModel.load(bytes)
      case .lightgbm: model.ensemble = try LightGBMModel.load(bytes)
      default: model.network = try NeuralNetwork.load(bytes)
      }
    } catch {
      report(SemaDiagnostics.modelFile(file, kind: decl.kind, error))
      return nil
    }
    guard features.count == decl.features.count else { return nil }  // a feature failed: reported
    guard model.featureCount == features.count else {
      report(SemaDiagnostics.modelFeatureCount(decl, count: model.featureCount, names: model.featureNames))
      return nil
    }
    for (k, feature) in decl.features.enumerated() where !model.featureNames.isEmpty {
      guard case .name(let id) = feature, id.name != model.featureNames[k] else { continue }
      report(SemaDiagnostics.modelFeatureOrder(decl, model.featureNames, position: k, given: id))
      return nil
    }
    return model
  }
}
