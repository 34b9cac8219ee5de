import Foundation

/// A small feed-forward network read from stratc's own JSON format (Grammar/REFERENCE.md,
/// "Trained models from files"):
///
///     {"format": "stratc-mlp", "version": 1, "features": ["r1", "r5"],
///      "layers": [{"weights": [[w₁₁, w₁₂], …], "bias": [b₁, …], "activation": "relu"}, …]}
///
/// Each layer's `weights` has one row per output and one column per input. A neuron is
/// ((b + w₁·x₁) + w₂·x₂) + …, in double, left to right, then its activation: `identity`,
/// `relu` (x where x > 0, else 0: NaN gives 0) or `sigmoid` (1 ÷ (1 + exp(−x))). The last layer
/// has one output: the model's value.
public struct NeuralNetwork: Sendable, Equatable {
  public enum Activation: String, Sendable { case identity, relu, sigmoid }

  public struct Layer: Sendable, Equatable {
    public var weights: [[Double]]
    public var bias: [Double]
    public var activation: Activation
  }

  public var featureNames: [String]
  public var layers: [Layer]
  public var featureCount: Int { layers.first?.weights.first?.count ?? 0 }

  /// Most weights a network may have (each is a multiply and an add per step; the limit keeps
  /// a compile to seconds, as `TreeEnsemble.maximumNodes` does).
  public static let maximumWeights = 20_000
  public static let maximumLayers = 64

  /// The prediction for one row (the reference of the compiled code); `margin` skips the last
  /// layer's activation.
  public func predict(_ row: [Double], margin: Bool = false) -> Double {
    var values = row
    for (k, layer) in layers.enumerated() {
      values = zip(layer.weights, layer.bias).map { weights, bias in
        var s = bias
        for (w, x) in zip(weights, values) { s = s + w * x }
        return margin && k == layers.count - 1 ? s : Self.activate(layer.activation, s)
      }
    }
    return values[0]
  }

  static func activate(_ a: Activation, _ s: Double) -> Double {
    switch a {
    case .identity: s
    case .relu: s > 0 ? s : 0
    case .sigmoid: 1 / (1 + exp(-s))
    }
  }

  public static func load(_ bytes: [UInt8]) throws(ModelFileError) -> NeuralNetwork {
    let root = try ModelJSON.parse(ModelJSON.droppingByteOrderMark(bytes))
    guard root["format"] == .string("stratc-mlp") else { throw ModelFileError("not stratc's network format: no \"format\": \"stratc-mlp\"") }
    guard root["version"] == .number("1") else { throw ModelFileError("only version 1 of the network format is read") }
    guard case .array(let layerValues)? = root["layers"], !layerValues.isEmpty, layerValues.count <= maximumLayers else {
      throw ModelFileError("`layers` must be an array of 1 to \(maximumLayers) layers")
    }
    var layers: [Layer] = []
    var inputs: Int?
    var total = 0
    for (k, value) in layerValues.enumerated() {
      let layer = try Self.layer(value, index: k, inputs: inputs)
      total += layer.weights.count * (layer.weights.first?.count ?? 0)
      guard total <= maximumWeights else { throw ModelFileError("the network has more than \(maximumWeights) weights") }
      inputs = layer.weights.count
      layers.append(layer)
    }
    guard layers.last?.weights.count == 1 else { throw ModelFileError("the last layer has \(layers.last?.weights.count ?? 0) outputs; a model is one number") }
    var names: [String] = []
    if case .array(let values)? = root["features"] {
      names = values.compactMap { if case .string(let s) = $0 { s } else { nil } }
      guard names.count == values.count, names.count == layers[0].weights[0].count, Set(names).count == names.count else {
        throw ModelFileError("`features` must name each of the first layer's \(layers[0].weights[0].count) inputs once")
      }
    }
    return NeuralNetwork(featureNames: names, layers: layers)
  }

  static func layer(_ value: ModelJSON, index k: Int, inputs: Int?) throws(ModelFileError) -> Layer {
    let what = "layer \(k + 1)"
    guard case .array(let rows)? = value["weights"], !rows.isEmpty else { throw ModelFileError("\(what): `weights` must be a non-empty array of rows") }
    var weights: [[Double]] = []
    for row in rows {
      let numbers = try Self.numbers(row, "\(what): a row of `weights`")
      guard !numbers.isEmpty, numbers.count == (weights.first?.count ?? inputs ?? numbers.count) else {
        throw ModelFileError("\(what): each row of `weights` must have one weight per input (\(inputs.map(String.init) ?? "the first row's count"))")
      }
      weights.append(numbers)
    }
    guard let biasValue = value["bias"] else { throw ModelFileError("\(what) has no `bias`") }
    let bias = try Self.numbers(biasValue, "\(what): `bias`")
    guard bias.count == weights.count else { throw ModelFileError("\(what): `bias` has \(bias.count) values for \(weights.count) outputs") }
    guard case .string(let name)? = value["activation"], let activation = Activation(rawValue: name) else {
      throw ModelFileError("\(what): `activation` must be \"identity\", \"relu\" or \"sigmoid\"")
    }
    return Layer(weights: weights, bias: bias, activation: activation)
  }

  static func numbers(_ value: ModelJSON, _ what: String) throws(ModelFileError) -> [Double] {
    guard case .array(let items) = value, items.count <= 65_536 else { throw ModelFileError("\(what) must be an array of at most 65,536 numbers") }
    var out: [Double] = []
    out.reserveCapacity(items.count)
    for item in items {
      guard case .number(let s) = item, let v = Double(s), v.isFinite else { throw ModelFileError("\(what) holds something other than a finite number") }
      out.append(v)
    }
    return out
  }
}
