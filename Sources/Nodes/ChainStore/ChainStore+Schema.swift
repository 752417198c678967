import GRDB

extension ChainStore {
    /// The tables, created by migration `v1-chain`:
    ///
    /// | table | one row per | written |
    /// |---|---|---|
    /// | `meta` | key: `head` (ChainHead JSON), `network` (NetworkParams JSON), `genesis` (CID) | every epoch / at genesis |
    /// | `tipsets` | height: key, tipset JSON | every epoch |
    /// | `blocks` | block CID: height, header JSON | every epoch |
    /// | `messages` | message CID: sender, nonce, signed CBOR | when included |
    /// | `receipts` | message CID: height, index, exit code, return, gas, reason | when included |
    /// | `actors` | actor ID: code, record JSON | when changed |
    /// | `addresses` | robust or key address: actor ID | when the init actor or an account changes |
    /// | `pending` | mpool message CID: sender, nonce, signed CBOR | on push; deleted when included or dropped |
    ///
    /// A receipt's message CID is its primary key: executing a message twice would fail the epoch's commit
    /// instead of storing a second receipt.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-chain") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE tipsets (height INTEGER PRIMARY KEY NOT NULL, key TEXT NOT NULL UNIQUE, tipset BLOB NOT NULL);
                CREATE TABLE blocks (
                    cid TEXT PRIMARY KEY NOT NULL, height INTEGER NOT NULL REFERENCES tipsets(height), header BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE messages (
                    cid TEXT PRIMARY KEY NOT NULL, sender TEXT NOT NULL, nonce INTEGER NOT NULL, signed BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX messages_by_sender ON messages(sender, nonce);
                CREATE TABLE receipts (
                    message_cid TEXT PRIMARY KEY NOT NULL REFERENCES messages(cid),
                    height INTEGER NOT NULL REFERENCES tipsets(height), position INTEGER NOT NULL,
                    exit_code INTEGER NOT NULL, return_value BLOB NOT NULL, gas_used INTEGER NOT NULL, reason TEXT
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX receipts_by_position ON receipts(height, position);
                CREATE TABLE actors (id INTEGER PRIMARY KEY NOT NULL, code TEXT NOT NULL, record BLOB NOT NULL);
                CREATE TABLE addresses (address TEXT PRIMARY KEY NOT NULL, actor_id INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE pending (
                    cid TEXT PRIMARY KEY NOT NULL, sender TEXT NOT NULL, nonce INTEGER NOT NULL, signed BLOB NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
