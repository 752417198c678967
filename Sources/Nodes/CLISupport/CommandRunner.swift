import ArgumentParser
import Foundation
import Logging
import SubsystemSupport

/// The `main` of every Lotus-style tool: bootstraps logging through `logs`, parses, runs, and prints failures as
/// Lotus does (`ERROR: <message>`, exit status 1) instead of ArgumentParser's usage dump. Usage errors, `--help`
/// and `--version` keep ArgumentParser's own output.
public enum CommandRunner {
    /// Runs `Root` with the process's arguments, then exits the process on failure.
    public static func main<Root: ParsableCommand>(_ root: Root.Type, logs: LogRegistry) async {
        LoggingSystem.bootstrap { label in logs.makeHandler(label: label) }
        do {
            var command = try Root.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error where !(error is ExitCode) && !(error is CleanExit) && !(error is ValidationError) && !isParserError(error) {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            Foundation.exit(1)
        } catch {
            Root.exit(withError: error)
        }
    }

    static func isParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).contains("ArgumentParser")
    }
}
