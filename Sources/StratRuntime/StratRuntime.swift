/// StratRuntime: what a backtest and the live engine share, so that a strategy makes the same
/// orders on both paths: the decision-to-order translator, the order state a strategy reads, the
/// fixed-point risk gate, the order-gateway and event-source protocols, the injected clock and
/// the in-process simulated venue.
public enum StratRuntime {}
