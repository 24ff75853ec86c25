import Foundation

/// A file to attach to an outgoing message.
public struct OutgoingAttachment: Sendable, Hashable {
    public var filename: String
    /// Media type such as "application/pdf".
    public var contentType: String
    public var data: Data
    /// Set to reference the file from the HTML body (`cid:`); the part is then inline.
    public var contentID: String?

    public init(filename: String, contentType: String = "application/octet-stream", data: Data, contentID: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
    }
}
