/// The bounded UID ranges one listing searches, in order.
///
/// libcurl cuts server lines longer than a few kilobytes without saying so, so a single
/// `UID SEARCH UID n:*` over a large mailbox could lose UIDs. Searching `a:b` ranges of at
/// most `size` UIDs bounds every answer line. Ranges end below UIDNEXT: `n:*` would also
/// return the last message even when its UID is below n.
enum UIDWindows {
    /// libcurl 7.88 keeps only the first 40 bytes of a server line when one read of it
    /// holds more than half its 16 KB buffer without a line end, and says nothing. 700
    /// UIDs of 10 digits make a `* SEARCH` line of about 7.7 KB, under that 8 KB. (A
    /// 13.9 KB answer to `UID SEARCH UID 1:3000` came back as 482 UIDs.)
    static let largestSafeSize: UInt32 = 700

    static func covering(after uid: UInt32, uidNext: UInt32, size: UInt32) -> [ClosedRange<UInt32>] {
        guard uid < UInt32.max, uidNext > 0 else { return [] }
        let first = uid + 1
        let last = uidNext - 1
        guard first <= last else { return [] }
        let step = min(max(size, 1), largestSafeSize)
        var windows: [ClosedRange<UInt32>] = []
        var start = first
        while true {
            let (sum, overflow) = start.addingReportingOverflow(step - 1)
            let end = overflow ? last : min(sum, last)
            windows.append(start...end)
            if end == last { break }
            start = end + 1
        }
        return windows
    }
}
