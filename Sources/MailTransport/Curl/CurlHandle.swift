import CCurl
import Foundation

/// One libcurl easy handle and what its callbacks collect during one transfer.
///
/// The handle is reused from one transfer to the next so that libcurl keeps the
/// connection open. Callbacks find this object through an unretained pointer: the owner
/// (an `IMAPMailbox` or an `SMTPSender`) keeps it alive as long as the handle exists.
/// Not thread-safe: the owner serializes access.
final class CurlHandle {
    let raw: UnsafeMutableRawPointer

    /// The data part of the transfer: message bytes for a fetch, untagged lines for a
    /// custom IMAP command.
    var received = Data()
    /// Every protocol line the server sent during the transfer (libcurl passes them to
    /// the header callback), without line ends. Only the last `keptLines` are kept.
    private(set) var serverLines: [String] = []
    /// Bytes the read callback hands to libcurl for an upload (an SMTP DATA phase).
    private var upload = Data()
    private var uploadOffset = 0
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Enough for a long multi-line SMTP reply; older lines only tell the greeting.
    private let keptLines = 64

    init() throws(TransportError) {
        _ = curlGlobalInitialization
        guard let raw = curl_easy_init() else {
            throw TransportError(.retry, message: "libcurl could not create a transfer handle (out of memory?)")
        }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let me = Unmanaged.passUnretained(self).toOpaque()
        // Each transfer runs on whatever thread the owner uses: no signals for timeouts.
        ccurl_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_error_buffer(raw, errorBuffer)
        ccurl_setopt_pointer(raw, CURLOPT_WRITEDATA, me)
        ccurl_setopt_pointer(raw, CURLOPT_HEADERDATA, me)
        ccurl_setopt_pointer(raw, CURLOPT_READDATA, me)
        ccurl_setopt_write_callback(raw) { buffer, size, count, context in
            guard let context else { return 0 }
            let length = size * count
            let handle = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
            if let buffer, length > 0 {
                handle.received.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
            }
            return length
        }
        ccurl_setopt_header_callback(raw) { buffer, size, count, context in
            guard let context else { return 0 }
            let length = size * count
            let handle = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
            if let buffer, length > 0 {
                let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
                handle.keep(line: String(decoding: bytes, as: UTF8.self))
            }
            return length
        }
        ccurl_setopt_read_callback(raw) { buffer, size, count, context in
            guard let context, let buffer else { return 0 }
            let handle = Unmanaged<CurlHandle>.fromOpaque(context).takeUnretainedValue()
            return handle.copyUpload(into: UnsafeMutableRawPointer(buffer), room: size * count)
        }
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Forgets what the previous transfer collected.
    func clearTransfer(upload bytes: Data = Data()) {
        received = Data()
        serverLines = []
        upload = bytes
        uploadOffset = 0
        errorBuffer[0] = 0
    }

    /// Runs one transfer on this thread.
    func perform() -> CURLcode {
        curl_easy_perform(raw)
    }

    /// What went wrong in the last transfer, with everything libcurl can tell about it.
    func failure(_ code: CURLcode) -> CurlFailure {
        CurlFailure(
            code: code,
            curlText: String(cString: errorBuffer).isEmpty
                ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer),
            osErrno: info(CURLINFO_OS_ERRNO),
            responseCode: info(CURLINFO_RESPONSE_CODE),
            serverLines: serverLines
        )
    }

    /// Whether the last transfer opened a new connection (false: it reused one).
    var openedConnection: Bool { info(CURLINFO_NUM_CONNECTS) > 0 }

    func info(_ item: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_getinfo_long(raw, item, &value)
        return value
    }

    // MARK: Options

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(TransportError) {
        try set(option, value ? 1 : 0)
    }

    /// Sets a string option; nil puts the option back to libcurl's default.
    func set(_ option: CURLoption, _ value: String?) throws(TransportError) {
        try check(ccurl_setopt_string(raw, option, value), option)
    }

    func setUploadSize(_ size: Int) throws(TransportError) {
        try check(ccurl_setopt_off_t(raw, CURLOPT_INFILESIZE_LARGE, curl_off_t(size)), CURLOPT_INFILESIZE_LARGE)
    }

    /// The list must stay alive until the transfer ends; the caller owns it.
    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(TransportError) {
        try check(ccurl_setopt_slist(raw, option, list), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw TransportError(
            .fixConfiguration,
            message: "this libcurl refuses option \(option.rawValue): \(String(cString: curl_easy_strerror(code))); it needs IMAP, SMTP and TLS support"
        )
    }

    // MARK: Callback bodies

    private func keep(line: String) {
        var line = line
        // "\r\n" is one Character in Swift: trim by Character, not by "\n".
        while let last = line.last, last.isNewline { line.removeLast() }
        if serverLines.count == keptLines { serverLines.removeFirst() }
        serverLines.append(line)
    }

    private func copyUpload(into buffer: UnsafeMutableRawPointer, room: Int) -> Int {
        let count = min(room, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { bytes in
            buffer.copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }
}

/// libcurl's process-wide setup, done once before the first handle; `curl_global_init`
/// itself is not safe to race, a global `let` runs its initializer exactly once.
private let curlGlobalInitialization: Int = Int(curl_global_init(CCURL_GLOBAL_DEFAULT).rawValue)
