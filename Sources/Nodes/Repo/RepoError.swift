/// Every failure raised by the `Repo` module: what went wrong and, where possible, what to do about it.
public struct RepoError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Broad category, for callers that need to react to a specific condition.
    public enum Kind: Sendable, Equatable {
        /// `initialize` was called on a repo that already has `datastore/` or `keystore/`.
        case alreadyInitialized
        /// The repo (or a required part of it, like `keystore/`) does not exist.
        case notInitialized
        /// Another process (or another lock in this process) holds `repo.lock`.
        case alreadyLocked
        /// No key with that name in the keystore.
        case keyNotFound
        /// A key with that name is already in the keystore.
        case keyExists
        /// A key file or the keystore directory is readable by group/others.
        case permissions
        /// A datastore key that does not start with `/`.
        case invalidKey
        /// A file exists but its content cannot be understood.
        case corrupt
        /// An operating-system or SQLite call failed.
        case io
        /// A rule refuses the request (a backup file outside `LOTUS_BACKUP_BASE_PATH`).
        case notPermitted
    }

    /// The category of the failure.
    public let kind: Kind
    /// Human-readable explanation, shown verbatim to operators.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Same as ``message``.
    public var description: String { message }
}
