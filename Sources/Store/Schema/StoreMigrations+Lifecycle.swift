import GRDB

extension StoreMigrations {
    /// The mediation's lifecycle: what the room's clock already did, each consumer's claim,
    /// offers and the answers to them, and the settlement frozen when the case closes.
    ///
    /// `clock_events` is keyed by case, kind and the deadline the event is about, so each
    /// reminder and the close happen once per deadline, and an extension (a new deadline)
    /// arms a fresh set. A ballot row keeps refused answers too (`refusal` set), so the case
    /// record shows every answer that arrived.
    static func lifecycle(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE clock_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL REFERENCES cases(number),
                kind TEXT NOT NULL CHECK (kind IN ('reminder_7', 'reminder_1', 'close')),
                deadline DATETIME NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped')),
                recorded_at DATETIME NOT NULL,
                UNIQUE (case_number, kind, deadline)
            );
            CREATE TABLE claims (
                participant_id INTEGER PRIMARY KEY,
                case_number INTEGER NOT NULL,
                minor_units INTEGER NOT NULL CHECK (minor_units >= 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                description TEXT NOT NULL DEFAULT '',
                recorded_at DATETIME NOT NULL,
                FOREIGN KEY (participant_id, case_number) REFERENCES participants(id, case_number)
            );
            CREATE TABLE offers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL REFERENCES cases(number),
                author_id INTEGER NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('company', 'mediator')),
                terms TEXT NOT NULL,
                deadline DATETIME NOT NULL,
                issued_at DATETIME NOT NULL,
                superseded_by INTEGER REFERENCES offers(id),
                FOREIGN KEY (author_id, case_number) REFERENCES participants(id, case_number),
                UNIQUE (id, case_number)
            );
            CREATE INDEX offers_by_case ON offers(case_number, id);
            CREATE TABLE ballots (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_number INTEGER NOT NULL,
                offer_id INTEGER NOT NULL,
                consumer_id INTEGER NOT NULL,
                addressed_consumer_id INTEGER NOT NULL,
                choice TEXT NOT NULL CHECK (choice IN ('accept', 'decline')),
                cast_at DATETIME NOT NULL,
                inbound_id INTEGER REFERENCES inbound(id),
                refusal TEXT,
                FOREIGN KEY (offer_id, case_number) REFERENCES offers(id, case_number),
                FOREIGN KEY (consumer_id, case_number) REFERENCES participants(id, case_number)
            );
            CREATE INDEX ballots_by_offer ON ballots(offer_id, id);
            CREATE TABLE settlements (
                case_number INTEGER PRIMARY KEY REFERENCES cases(number),
                offer_id INTEGER REFERENCES offers(id),
                fee_basis_points INTEGER NOT NULL CHECK (fee_basis_points BETWEEN 0 AND 10000),
                settled_at DATETIME NOT NULL
            );
            """)
    }
}
