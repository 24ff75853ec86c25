/// Header fields as plain values, in message order, names in any case, values unfolded and
/// with encoded words already decoded.
public typealias HeaderFields = [(name: String, value: String)]

extension Array where Element == (name: String, value: String) {
    /// Every value of the field `name`, in message order.
    func values(of name: String) -> [String] {
        let wanted = name.lowercased()
        return filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    func first(_ name: String) -> String? { values(of: name).first }
}
