import StratVenue

/// `strat-venue run --config FILE`: read with the engine's configuration syntax once that
/// parser has its own module (StratConfig); until then only flags configure the venue.
enum VenueConfigFile {
  static func load(_ path: String) throws -> VenueSettings {
    throw RunCommand.Problem(description: "--config is not read yet; use the flags")
  }
}
