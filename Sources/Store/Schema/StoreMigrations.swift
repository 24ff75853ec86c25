import GRDB

/// The schema, as ordered named migrations; each runs once, in its own transaction.
///
/// The database enforces what must never be wrong, rather than trusting the code above it:
/// a participant, channel, post or delivery can only point at rows of its own case
/// (composite foreign keys), a delivery can only go to a member of the post's channel and
/// never for the notes (trigger, invariant 3), there is one delivery per recipient per post
/// and one row per Message-ID (unique indexes, invariant 2), and the audit log is append-only.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-cases", migrate: cases)
        migrator.registerMigration("v2-channels", migrate: channels)
        migrator.registerMigration("v3-inbound", migrate: inbound)
        migrator.registerMigration("v4-posts", migrate: posts)
        migrator.registerMigration("v5-deliveries", migrate: deliveries)
        migrator.registerMigration("v6-held", migrate: held)
        migrator.registerMigration("v7-audit", migrate: audit)
        migrator.registerMigration("v8-gateway-posts", migrate: gatewayPosts)
        migrator.registerMigration("v9-lifecycle", migrate: lifecycle)
        migrator.registerMigration("v10-protocole", migrate: protocole)
        migrator.registerMigration("v11-joining", migrate: joining)
        migrator.registerMigration("v12-audit-sequence", migrate: auditSequence)
        migrator.registerMigration("v13-participants-by-case", migrate: participantsByCase)
        migrator.registerMigration("v14-deliveries-without-bounce-token", migrate: deliveriesWithoutBounceToken)
        return migrator
    }

    static func cases(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE cases (
                number INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL CHECK (title <> ''),
                company_name TEXT NOT NULL CHECK (company_name <> ''),
                state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
                language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
                opened_at DATETIME NOT NULL,
                deadline DATETIME NOT NULL CHECK (deadline >= opened_at),
                settled BOOLEAN,
                closed_at DATETIME,
                CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
                CHECK ((state = 'closed') = (settled IS NOT NULL))
            );
            CREATE TABLE participants (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL REFERENCES cases(number),
                role TEXT NOT NULL CHECK (role IN ('consumer', 'company', 'mediator', 'lawyer', 'expert')),
                address TEXT NOT NULL CHECK (address = lower(address) AND address LIKE '%_@_%'),
                original_address TEXT NOT NULL,
                display_name TEXT NOT NULL,
                language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
                state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'withdrawn', 'removed')),
                pseudonym INTEGER CHECK (pseudonym > 0),
                name_public BOOLEAN NOT NULL DEFAULT 0,
                joined_at DATETIME NOT NULL,
                CHECK ((role = 'consumer') = (pseudonym IS NOT NULL)),
                UNIQUE (case_number, address),
                UNIQUE (case_number, pseudonym),
                UNIQUE (id, case_number)
            );
            CREATE UNIQUE INDEX participants_one_mediator ON participants(case_number) WHERE role = 'mediator';
            CREATE INDEX participants_by_address ON participants(address);
            """)
    }

    static func channels(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE channels (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL REFERENCES cases(number),
                kind TEXT NOT NULL CHECK (kind IN ('room', 'aside', 'notes')),
                subject TEXT,
                created_by INTEGER,
                created_at DATETIME NOT NULL,
                CHECK ((kind = 'aside') = (subject IS NOT NULL)),
                FOREIGN KEY (created_by, case_number) REFERENCES participants(id, case_number),
                UNIQUE (id, case_number)
            );
            CREATE UNIQUE INDEX channels_one_room ON channels(case_number) WHERE kind = 'room';
            CREATE UNIQUE INDEX channels_one_notes ON channels(case_number) WHERE kind = 'notes';
            -- Aside members only: the room and the notes take their members from roles.
            CREATE TABLE channel_members (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel_id INTEGER NOT NULL,
                participant_id INTEGER NOT NULL,
                case_number INTEGER NOT NULL,
                added_at DATETIME NOT NULL,
                FOREIGN KEY (channel_id, case_number) REFERENCES channels(id, case_number),
                FOREIGN KEY (participant_id, case_number) REFERENCES participants(id, case_number),
                UNIQUE (channel_id, participant_id)
            );
            CREATE TRIGGER channel_members_asides_only BEFORE INSERT ON channel_members
            WHEN (SELECT kind FROM channels WHERE id = NEW.channel_id) <> 'aside'
            BEGIN
                SELECT RAISE(ABORT, 'only asides have listed members');
            END;
            """)
    }

    static func inbound(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE inbound (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                raw BLOB NOT NULL,
                uidvalidity INTEGER,
                uid INTEGER,
                message_id TEXT CHECK (message_id <> ''),
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                received_at DATETIME NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'processed', 'held', 'duplicate')),
                duplicate_of INTEGER REFERENCES inbound(id),
                CHECK ((state = 'duplicate') = (duplicate_of IS NOT NULL)),
                CHECK ((uidvalidity IS NULL) = (uid IS NULL)),
                UNIQUE (uidvalidity, uid)
            );
            -- One original per Message-ID; without a Message-ID, one original per content.
            CREATE UNIQUE INDEX inbound_original_message_id ON inbound(message_id)
                WHERE message_id IS NOT NULL AND duplicate_of IS NULL;
            CREATE UNIQUE INDEX inbound_original_sha256 ON inbound(sha256)
                WHERE message_id IS NULL AND duplicate_of IS NULL;
            CREATE INDEX inbound_pending ON inbound(id) WHERE state = 'pending';
            """)
    }

    static func posts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL,
                channel_id INTEGER NOT NULL,
                author_id INTEGER,
                inbound_id INTEGER REFERENCES inbound(id),
                parent_id INTEGER REFERENCES posts(id),
                kind TEXT NOT NULL CHECK (kind IN ('message', 'welcome', 'aside_opening', 'notice', 'note')),
                subject TEXT NOT NULL,
                reply_text TEXT NOT NULL,
                full_text TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                FOREIGN KEY (channel_id, case_number) REFERENCES channels(id, case_number),
                FOREIGN KEY (author_id, case_number) REFERENCES participants(id, case_number),
                UNIQUE (id, case_number)
            );
            CREATE INDEX posts_by_channel ON posts(channel_id, id);
            CREATE TABLE attachments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                post_id INTEGER NOT NULL REFERENCES posts(id),
                filename TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL CHECK (size >= 0),
                bytes BLOB,
                dropped BOOLEAN NOT NULL DEFAULT 0,
                drop_reason TEXT,
                CHECK (dropped = (drop_reason IS NOT NULL)),
                CHECK (dropped OR bytes IS NOT NULL)
            );
            CREATE INDEX attachments_by_post ON attachments(post_id);
            """)
    }

    static func deliveries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY,
                case_number INTEGER NOT NULL,
                post_id INTEGER NOT NULL,
                recipient_id INTEGER NOT NULL,
                message_id TEXT NOT NULL UNIQUE CHECK (message_id <> ''),
                bounce_token TEXT NOT NULL UNIQUE CHECK (bounce_token <> ''),
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
            CREATE INDEX deliveries_due ON deliveries(state, retry_at) WHERE state IN ('queued', 'deferred');
            -- Invariant 3 in the database: a copy goes only to a member of the post's channel,
            -- and the notes are never relayed.
            CREATE TRIGGER deliveries_members_only BEFORE INSERT ON deliveries
            WHEN NOT EXISTS (
                SELECT 1 FROM posts p
                JOIN channels c ON c.id = p.channel_id
                JOIN participants r ON r.id = NEW.recipient_id
                WHERE p.id = NEW.post_id AND (
                    (c.kind = 'room' AND r.role <> 'expert')
                    OR (c.kind = 'aside' AND EXISTS (
                        SELECT 1 FROM channel_members m WHERE m.channel_id = c.id AND m.participant_id = r.id))
                )
            )
            BEGIN
                SELECT RAISE(ABORT, 'delivery to a participant outside the post''s channel');
            END;
            """)
    }

    static func held(_ db: Database) throws {
        let reasons = HoldReasonSQL.list
        try db.execute(sql: """
            CREATE TABLE held (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                inbound_id INTEGER NOT NULL UNIQUE REFERENCES inbound(id),
                reason TEXT NOT NULL CHECK (reason IN (\(reasons))),
                detail TEXT NOT NULL DEFAULT '',
                sender TEXT,
                case_number INTEGER REFERENCES cases(number),
                created_at DATETIME NOT NULL,
                notice_sent BOOLEAN NOT NULL DEFAULT 0
            );
            CREATE TABLE notices (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sender TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (reason IN (\(reasons))),
                day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                UNIQUE (sender, reason, day)
            );
            """)
    }

    static func audit(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER REFERENCES cases(number),
                kind TEXT NOT NULL CHECK (kind <> ''),
                payload TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                prev_hash TEXT,
                hash TEXT
            );
            CREATE INDEX audit_by_case ON audit(case_number, id);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }
}
