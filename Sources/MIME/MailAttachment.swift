import Foundation

/// A part the reader would see as an attachment (or an inline image), with its bytes
/// available on demand.
public struct MailAttachment: Sendable {
    /// The part this attachment is read from.
    public var part: MIMEPart


    public var filename: String? { part.filename }
    public var contentType: String { part.contentType }
    /// Decoded size in bytes.
    public var size: Int { part.decodedSize }
    public var contentID: String? { part.contentID }
    /// Shown inside the body (Content-Disposition inline, or an image referenced by
    /// Content-ID in multipart/related) rather than listed as a file.
    public var isInline: Bool
    public init(part: MIMEPart, isInline: Bool) {
        self.part = part
        self.isInline = isInline
    }

    /// The decoded bytes, decoded now.
    public var data: Data { part.decodedBody }
}
