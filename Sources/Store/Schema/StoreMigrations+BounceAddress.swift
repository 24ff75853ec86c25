import GRDB

extension StoreMigrations {
    /// Deliveries no longer store their bounce token. The token is the signed tag of the
    /// delivery's id, so the Dispatcher signs it when it sends the copy; a bounce is read by
    /// verifying its tag, never by looking the token up. Its unique index was, after the
    /// membership trigger, the costliest part of writing a delivery, and Intake writes one per
    /// recipient of every post.
    ///
    /// SQLite cannot drop a UNIQUE column, so the table is rebuilt: the same rows under the
    /// same ids, then its indexes and trigger as they were (read back from the schema, so
    /// they are exactly the ones the earlier migrations made). Foreign keys are off during a
    /// migration and checked before it commits.
    static func deliveriesWithoutBounceToken(_ db: Database) throws {
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = 'deliveries' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            ORDER BY type, name
            """)
        try db.execute(sql: """
            CREATE TABLE deliveries_rebuilt (
                id INTEGER PRIMARY KEY,
                case_number INTEGER NOT NULL,
                post_id INTEGER NOT NULL,
                recipient_id INTEGER NOT NULL,
                message_id TEXT NOT NULL UNIQUE CHECK (message_id <> ''),
                state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'deferred', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                retry_at DATETIME,
                last_reply TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                CHECK ((state = 'deferred') = (retry_at IS NOT NULL)),
                FOREIGN KEY (post_id, case_number) REFERENCES posts(id, case_number),
                FOREIGN KEY (recipient_id, case_number) REFERENCES participants(id, case_number),
                UNIQUE (post_id, recipient_id)
            );
            INSERT INTO deliveries_rebuilt (id, case_number, post_id, recipient_id, message_id, state, attempts, retry_at,
                                            last_reply, created_at, updated_at)
                SELECT id, case_number, post_id, recipient_id, message_id, state, attempts, retry_at,
                       last_reply, created_at, updated_at
                FROM deliveries ORDER BY id;
            DROP TABLE deliveries;
            ALTER TABLE deliveries_rebuilt RENAME TO deliveries;
            """)
        for definition in dependents {
            try db.execute(sql: definition)
        }
    }
}
