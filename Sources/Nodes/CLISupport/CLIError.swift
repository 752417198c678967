/// An error the CLI prints as `ERROR: <message>` before exiting with status 1.
public struct CLIError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
