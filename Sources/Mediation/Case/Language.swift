/// The language a participant reads, and a case's default for mail to the whole room.
///
/// Raw values are stored in the database and name the template folders (`Templates/fr`, `Templates/en`).
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case fr
    case en
}
