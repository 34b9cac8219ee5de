// What Fuzz/ModelFuzz drives, and the model corpus replay test replays: one code path for both.

/// Reads one input as an XGBoost JSON model, a LightGBM text model and a stratc network, and
/// predicts a few rows with whatever loads (a model that loads must predict without trapping).
/// Returns what happened to each reader: "xgboost", "lightgbm" or "mlp" when it loaded, else
/// the error's message.
public enum ModelFuzzTarget {
  public static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    let bytes = Array(input)
    var outcomes: [String] = []
    for (name, load) in [("xgboost", XGBoostModel.load), ("lightgbm", LightGBMModel.load)] as [(String, ([UInt8]) throws(ModelFileError) -> TreeEnsemble)] {
      do {
        let model = try load(bytes)
        for value in [0.0, -0.0, 1e-36, .nan, .infinity, -1] {
          _ = model.predict([Double](repeating: value, count: model.featureCount))
        }
        outcomes.append(name)
      } catch {
        outcomes.append(error.message)
      }
    }
    do {
      let network = try NeuralNetwork.load(bytes)
      _ = network.predict([Double](repeating: .nan, count: network.featureCount))
      outcomes.append("mlp")
    } catch {
      outcomes.append(error.message)
    }
    return outcomes
  }
}
