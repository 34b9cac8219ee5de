import Testing

@testable import StratEngine

/// `[journal] record_market` and `[out] ticks`: their defaults, their values, and their errors.
@Suite struct ConfigRecordingTests {
  @Test func aLiveFeedRecordsItsEventsAndWritesNoTicksByDefault() throws {
    let config = try ConfigTesting.decode(ConfigSchemaErrorTests.base)
    #expect(config.recording == EngineConfig.Recording(recordMarket: true, writeTicks: false))
    let setup = try EngineSetup(config)
    #expect(setup.recordMarket && !setup.writeTicks)
  }

  @Test func bothSwitchesAreRead() throws {
    let text = ConfigSchemaErrorTests.base + "\n[journal]\nrecord_market = false\n[out]\nticks = true\n"
    let config = try ConfigTesting.decode(text)
    #expect(config.recording == EngineConfig.Recording(recordMarket: false, writeTicks: true))
    let setup = try EngineSetup(config)
    #expect(!setup.recordMarket && setup.writeTicks)
  }

  @Test func aWrongTypeOrAnUnknownKeyIsALocatedError() {
    let errors = ConfigTesting.schemaErrors(ConfigSchemaErrorTests.base + "\n[journal]\nrecord_market = \"yes\"\n[out]\ntick = true\n")
    #expect(errors.contains("error[engine.config.type]") && errors.contains("record_market"), "\(errors)")
    #expect(errors.contains("error[engine.config.unknown-key]: unknown key `tick` in [out]"), "\(errors)")
  }
}
