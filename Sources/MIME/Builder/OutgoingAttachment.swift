import Foundation

/// A file to attach to an outgoing message.
public struct OutgoingAttachment: Sendable, Hashable {
    public var filename: String
    /// Media type such as "application/pdf".
    public var contentType: String
    public var data: Data
    /// Set to reference the file from the HTML body (`cid:`); the part is then inline.
    public var contentID: String?
    /// The charset of a text file ("utf-8"), written as the `charset` parameter: without
    /// it a reader takes text/plain for US-ASCII and garbles every accent.
    public var charset: String?

    public init(filename: String, contentType: String = "application/octet-stream", data: Data, contentID: String? = nil,
                charset: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
        self.charset = charset
    }
}
