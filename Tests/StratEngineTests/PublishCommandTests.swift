import Testing

@testable import StratEngine

@Suite("strat-engine publish and listen: flags")
struct PublishCommandTests {
  @Test("The documented flags become the publisher's options")
  func flags() throws {
    let (options, file) = try MoldUDP64PublisherOptions.parse([
      "day.itch.gz", "--udp", "239.1.2.3:30001", "--request-port=30002", "--session", "DAY1",
      "--speed", "2.5", "--drop", "0.1", "--dup", "0.2", "--reorder", "0.3", "--seed", "9",
      "--max-packet", "512",
    ])
    #expect(file == "day.itch.gz")
    #expect(options.destination.description == "239.1.2.3:30001" && options.requestPort == 30002)
    #expect(options.session == "DAY1" && options.speed == 2.5 && options.seed == 9)
    #expect(options.dropProbability == 0.1 && options.duplicateProbability == 0.2)
    #expect(options.reorderProbability == 0.3 && options.maxPacketBytes == 512)
  }

  @Test(
    "A bad flag is a usage error (the command exits 2) that names it",
    arguments: [
      (["f"], "--udp"), (["--udp", "127.0.0.1:1"], "FILE"), (["f", "--udp", "nohost:1"], "--udp"),
      (["f", "--udp", "127.0.0.1:1", "--drop", "1.5"], "--drop"),
      (["f", "--udp", "127.0.0.1:1", "--speed", "0"], "--speed"),
      (["f", "--udp", "127.0.0.1:1", "--max-packet", "20"], "--max-packet"),
      (["f", "--udp", "127.0.0.1:1", "--session", "ELEVENCHARS"], "--session"),
      (["f", "--udp", "127.0.0.1:1", "--seed", "x"], "--seed"),
      (["f", "--udp", "127.0.0.1:1", "--rate", "3"], "--rate"),
      (["f", "--udp", "127.0.0.1:1", "--udp", "127.0.0.1:2"], "--udp"),
      (["f", "--udp"], "--udp"),
    ] as [([String], String)]
  )
  func usageErrors(args: [String], named: String) {
    #expect(throws: FeedCommandFlags.Usage.self) {
      _ = try MoldUDP64PublisherOptions.parse(args[...])
    }
    do {
      _ = try MoldUDP64PublisherOptions.parse(args[...])
    } catch {
      #expect(error.message.contains(named), "\(error.message)")
    }
  }

  @Test("listen's flags become a feed configuration; bad ones are usage errors")
  func listenFlags() throws {
    let (config, seconds) = try MoldUDP64FeedConfig.parseListen(
      [
        "--udp", "239.0.0.9:4000", "--request", "127.0.0.1:4001", "--seconds", "5", "--buffered",
        "64",
      ])
    #expect(config.listen.description == "239.0.0.9:4000" && config.requestServer?.port == 4001)
    #expect(seconds == 5 && config.limits.bufferedMessages == 64)
    for bad in [
      ["--udp"], [], ["--udp", "127.0.0.1:1", "--buffered", "0"], ["--udp", "127.0.0.1:1", "x"],
      ["--udp", "127.0.0.1:1", "--request", "127.0.0.1"],
      ["--udp", "127.0.0.1:1", "--seconds", "-1"],
    ] {
      #expect(throws: FeedCommandFlags.Usage.self) {
        _ = try MoldUDP64FeedConfig.parseListen(bad[...])
      }
    }
  }
}
