import GRDB

extension StoreMigrations {
    /// Each audit event keeps its place in its case's chain (`sequence`, 1, 2, 3…), so that
    /// appending reads only the case's last event instead of counting the whole chain —
    /// a fan-out to thousands writes an event per post and per batch of outcomes.
    ///
    /// Existing rows are numbered in the order they were written (by id, per case), which
    /// is the order their hashes were chained in, so `truce case verify` still holds for
    /// them. The database then refuses an event that does not follow its case's last one,
    /// and two events with the same place. The append-only triggers are set aside only
    /// while the existing rows are numbered, inside this migration's transaction.
    static func auditSequence(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER audit_no_update;
            ALTER TABLE audit ADD COLUMN sequence INTEGER CHECK (sequence > 0);
            UPDATE audit SET sequence = numbered.place
            FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY case_number ORDER BY id) AS place FROM audit) AS numbered
            WHERE numbered.id = audit.id;
            CREATE UNIQUE INDEX audit_by_sequence ON audit(case_number, sequence);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_next_in_sequence BEFORE INSERT ON audit
            WHEN NEW.sequence IS NOT (
                SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit WHERE case_number IS NEW.case_number
            )
            BEGIN
                SELECT RAISE(ABORT, 'an audit event must follow its case''s last one');
            END;
            """)
    }
}
