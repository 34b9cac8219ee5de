/// `stratc backtest`: wired once the market-data and backtest modules land.
enum BacktestCommand {
  static func run(_ args: Arguments, output: Output) throws -> ExitCode {
    Output.standardError("stratc backtest: not wired yet\n")
    return .internalError
  }
}
