import Foundation
import GRDB

extension StoreSession {
    /// Every post of a case, in every channel, oldest first: the case record's order.
    public func posts(caseNumber: Int64) throws -> [Post] {
        try Post.filter(Post.Columns.caseNumber == caseNumber).order(Post.Columns.id).fetchAll(db)
    }

    /// The copies of one post, in the order they were queued.
    public func deliveries(postID: Int64) throws -> [Delivery] {
        try Delivery.filter(Delivery.Columns.postID == postID).order(Delivery.Columns.id).fetchAll(db)
    }
}
