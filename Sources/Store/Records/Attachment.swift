import Foundation
import GRDB

/// A row of `attachments`: a file that came with a post, or a note that it was dropped.
public struct Attachment: StoreRecord, Sendable, Identifiable {
    public static let databaseTableName = "attachments"
    public enum Columns {
        public static let postID = Column("post_id")
    }

    public var id: Int64?
    /// Set by `commitPost`.
    public var postID: Int64
    public var filename: String
    public var contentType: String
    public var size: Int
    /// Nil when dropped.
    public var bytes: Data?
    public var dropped: Bool
    /// Why it was dropped ("dangerous type", "too large"), to tell the sender.
    public var dropReason: String?

    /// A file kept and relayed.
    public init(filename: String, contentType: String, bytes: Data) {
        self.postID = 0
        self.filename = filename
        self.contentType = contentType
        self.size = bytes.count
        self.bytes = bytes
        self.dropped = false
    }

    /// A file refused, recorded so the sender can be told.
    public init(droppedFilename filename: String, contentType: String, size: Int, reason: String) {
        self.postID = 0
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.dropped = true
        self.dropReason = reason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
