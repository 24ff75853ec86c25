import GRDB

/// A record of the Store: columns are snake_case in SQL and camelCase in Swift, mapped the
/// same way for every table.
public protocol StoreRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension StoreRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in StoreColumnKey(stringValue: StoreColumnKey.propertyName(column)) }
    }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// Reads `post_id` as `postID`: the stock snake-case conversion gives `postId`, which is not
/// how Swift spells the property.
struct StoreColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static func propertyName(_ column: String) -> String {
        let words = column.split(separator: "_")
        guard let first = words.first else { return column }
        return String(first) + words.dropFirst().map { $0 == "id" ? "ID" : $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
