import GRDB

extension StoreMigrations {
    /// The settlement agreement (protocole d'accord) of a case closed as settled: the text
    /// the gateway rendered, the text under review (replaced when the reviewing lawyer sends
    /// a corrected version, whose file is kept as it came), and the approval.
    ///
    /// One row per case; `state` goes from 'draft' to 'approved' once, and an approved row
    /// records who approved it and when.
    static func protocole(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE protocoles (
                case_number INTEGER PRIMARY KEY REFERENCES cases(number),
                state TEXT NOT NULL CHECK (state IN ('draft', 'approved')),
                language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
                rendered_text TEXT NOT NULL,
                text TEXT NOT NULL,
                reviewer_id INTEGER NOT NULL,
                corrected_filename TEXT,
                corrected_content_type TEXT,
                corrected_bytes BLOB,
                drafted_at DATETIME NOT NULL,
                corrected_at DATETIME,
                approved_at DATETIME,
                approved_by_id INTEGER,
                FOREIGN KEY (reviewer_id, case_number) REFERENCES participants(id, case_number),
                CHECK ((state = 'approved') = (approved_at IS NOT NULL AND approved_by_id IS NOT NULL))
            );
            """)
    }
}
