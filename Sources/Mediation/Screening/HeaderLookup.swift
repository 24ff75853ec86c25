import MIME

/// Header fields as plain values, in message order, names in any case, values unfolded and
/// with encoded words already decoded.
public typealias HeaderFields = [(name: String, value: String)]

extension Array where Element == (name: String, value: String) {
    // Header names are ASCII (RFC 5322), so they are compared byte by byte, ignoring ASCII
    // case: screening looks up a dozen names in every message.

    /// Every value of the field `name`, in message order.
    func values(of name: String) -> [String] {
        filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    func first(_ name: String) -> String? {
        self.first(where: { $0.name.equalsIgnoringASCIICase(name) })?.value
    }
}
