import Foundation
import MIME

/// Subjects that out-of-office answers use, in French and English.
///
/// Two strengths: phrases no person starts a real reply with ("Automatic reply:") mark an
/// auto-reply alone; short words a consumer could well write ("Absence de réponse…",
/// "Auto: ma voiture") only count with another automatic-answer sign.
enum OutOfOfficeSubject {
    enum Strength { case definite, possible }

    static let definitePrefixes = [
        "out of office", "automatic reply", "auto-reply", "autoreply", "auto reply",
        "auto response", "autoresponse", "away from the office", "on vacation",
        "réponse automatique", "reponse automatique", "réponse auto", "absent du bureau",
        "message d'absence", "message d’absence", "absence du bureau", "absent(e) du bureau",
    ]
    static let possiblePrefixes = ["auto:", "absence", "absent", "away", "ooo", "congés", "conges"]

    static func classify(_ subject: String) -> Strength? {
        let text = subject.mailLowercased.trimmingBlanks()
        if definitePrefixes.contains(where: text.hasPrefix) { return .definite }
        // A weak word counts only as the whole subject or a label ("Absence : retour le 3"),
        // not as the start of a sentence ("Absence de réponse de la société").
        for prefix in possiblePrefixes where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count).drop(while: \.isWhitespace)
            if prefix.hasSuffix(":") || rest.isEmpty || rest.first.map(":-–(".contains) == true { return .possible }
        }
        return nil
    }
}
