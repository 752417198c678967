import APICore
import ArgumentParser
import CLISupport
import CommonAPI
import MinerConfig

/// `lotus wait-api [--timeout 30s]`: waits until the daemon answers `Version`, as Lotus does (printing
/// `Not online yet... (<reason>)` while it waits).
struct WaitAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait-api", abstract: "Wait for lotus api to come online")
    @ParentCommand var root: Lotus

    @Option(help: "duration to wait till fail (Go duration, e.g. 30s, 1m)")
    var timeout = "30s"

    func run() async throws {
        let limit: GoDuration
        do {
            limit = try GoDuration.parse(timeout)
        } catch {
            throw CLIError("invalid --timeout '\(timeout)': \(error)")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .nanoseconds(limit.nanoseconds)
        while true {
            do {
                _ = try await root.connect().common.call(\.version)
                return
            } catch {
                guard clock.now < deadline else { throw CLIError("timed out waiting for api to come online") }
                print("Not online yet... (\(error))")
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
