import GRDB

extension StoreMigrations {
    /// The gateway's own posts are written per recipient from a template (each copy in its
    /// reader's language), so the post keeps the template's name and values rather than a
    /// text. Bounces are counted per participant, so the operator sees who cannot be reached.
    static func gatewayPosts(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE posts ADD COLUMN template TEXT;
            ALTER TABLE posts ADD COLUMN context TEXT;
            ALTER TABLE participants ADD COLUMN bounce_count INTEGER NOT NULL DEFAULT 0 CHECK (bounce_count >= 0);
            -- Threading looks up a recipient's first copy in a channel for every copy sent.
            CREATE INDEX deliveries_by_recipient ON deliveries(recipient_id, id);
            """)
    }
}
