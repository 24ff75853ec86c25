import GRDB

extension StoreMigrations {
    /// Joining through a case's public join address (double opt-in).
    ///
    /// `join_requests` keeps each request of one address for one case: a pending request
    /// is unique per case and address, and its id is what the signed confirmation address
    /// names. `join_mail` is the small outbox for people who are not participants yet (the
    /// deliveries table only reaches participants): each row is a finished message, and the
    /// database refuses one addressed to anyone but the requester it belongs to.
    static func joining(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE join_requests (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL REFERENCES cases(number),
                address TEXT NOT NULL CHECK (address = lower(address) AND address LIKE '%_@_%'),
                original_address TEXT NOT NULL,
                display_name TEXT NOT NULL,
                language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'refused')),
                inbound_id INTEGER REFERENCES inbound(id),
                requested_at DATETIME NOT NULL,
                last_sent_at DATETIME NOT NULL,
                resolved_at DATETIME,
                participant_id INTEGER,
                CHECK ((state = 'pending') = (resolved_at IS NULL)),
                CHECK ((state = 'confirmed') = (participant_id IS NOT NULL)),
                FOREIGN KEY (participant_id, case_number) REFERENCES participants(id, case_number)
            );
            CREATE UNIQUE INDEX join_requests_one_pending ON join_requests(case_number, address)
                WHERE state = 'pending';
            CREATE TABLE join_mail (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id INTEGER NOT NULL REFERENCES join_requests(id),
                template TEXT NOT NULL CHECK (template <> ''),
                recipient TEXT NOT NULL,
                message_id TEXT NOT NULL UNIQUE CHECK (message_id <> ''),
                raw BLOB NOT NULL,
                state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'deferred', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                retry_at DATETIME,
                last_reply TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                CHECK ((state = 'deferred') = (retry_at IS NOT NULL))
            );
            CREATE INDEX join_mail_due ON join_mail(state, retry_at) WHERE state IN ('queued', 'deferred');
            -- A join letter goes only to the address that asked to join.
            CREATE TRIGGER join_mail_to_requester_only BEFORE INSERT ON join_mail
            WHEN NOT EXISTS (
                SELECT 1 FROM join_requests r WHERE r.id = NEW.request_id AND r.original_address = NEW.recipient
            )
            BEGIN
                SELECT RAISE(ABORT, 'join mail to someone other than the requester');
            END;
            """)
    }
}
