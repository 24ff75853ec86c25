import GRDB

extension StoreMigrations {
    /// Every post reads its case's participants in joining order, to find its recipients.
    /// Without an index on the case, SQLite found them through (case, pseudonym) and then
    /// sorted them in a temporary b-tree, opened and closed anew for every post; an index on
    /// the case holds them in id order already (its entries end with the row id).
    static func participantsByCase(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX participants_by_case ON participants(case_number)")
    }
}
