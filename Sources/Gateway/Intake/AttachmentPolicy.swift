import Foundation
import MIME

/// Which attachments of a post are relayed, and why the others are not.
///
/// Programs and scripts are never relayed: a mediation room is exactly where a convincing
/// "invoice" would be opened. The check looks at the file name and the declared type,
/// since either can lie alone.
struct AttachmentPolicy: Sendable {
    /// One attachment, kept or dropped.
    enum Verdict: Equatable {
        case keep
        case drop(reason: String)
    }

    static let dangerousExtensions: Set<String> = [
        "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar", "js", "jse", "vbs",
        "vbe", "wsf", "wsh", "ps1", "psm1", "sh", "bash", "zsh", "csh", "py", "pl", "rb", "php", "hta",
        "lnk", "reg", "app", "dmg", "pkg", "deb", "rpm", "apk", "iso", "docm", "xlsm", "pptm", "appimage",
    ]
    static let dangerousTypes: Set<String> = [
        "application/x-msdownload", "application/x-msdos-program", "application/x-executable",
        "application/x-sh", "application/x-shellscript", "application/javascript", "text/javascript",
        "application/x-javascript", "application/java-archive", "application/x-python-code",
        "text/x-python", "application/x-perl", "application/x-php", "application/hta",
        "application/x-ms-installer", "application/vnd.microsoft.portable-executable",
        "application/x-apple-diskimage", "application/vnd.android.package-archive",
    ]

    let maximumBytes: Int

    init(maximumMegabytes: Int) {
        maximumBytes = maximumMegabytes * 1_048_576
    }

    func verdict(filename: String?, contentType: String, size: Int, language: String) -> Verdict {
        let fr = language == "fr"
        let name = (filename ?? "").lowercased()
        let fileExtension = name.split(separator: ".").last.map(String.init) ?? ""
        if (name.contains(".") && Self.dangerousExtensions.contains(fileExtension))
            || Self.dangerousTypes.contains(contentType.lowercased()) {
            return .drop(reason: fr ? "programme ou script" : "program or script")
        }
        if size > maximumBytes {
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            return .drop(reason: fr ? "trop volumineux (\(megabytes) Mo)" : "too large (\(megabytes) MB)")
        }
        return .keep
    }
}
