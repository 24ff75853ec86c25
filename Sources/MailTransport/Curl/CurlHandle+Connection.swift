import CCurl

extension CurlHandle {
    /// The connection settings of an SMTP client: its relay or submission server.
    func configureConnection(_ configuration: SMTPSender.Configuration) throws(TransportError) {
        try configureConnection(
            url: configuration.url, username: configuration.username, password: configuration.password,
            loginOptions: configuration.loginOptions, requireTLS: configuration.requireTLS,
            caFile: configuration.caFile, connectTimeout: configuration.connectTimeout,
            operationTimeout: configuration.operationTimeout)
    }

    /// The connection settings of the gateway's mailbox.
    func configureConnection(_ configuration: IMAPMailbox.Configuration) throws(TransportError) {
        try configureConnection(
            url: configuration.url, username: configuration.username, password: configuration.password,
            loginOptions: configuration.loginOptions, requireTLS: configuration.requireTLS,
            caFile: configuration.caFile, connectTimeout: configuration.connectTimeout,
            operationTimeout: configuration.operationTimeout)
    }

    /// The settings every IMAP and SMTP transfer shares: where, who, TLS and patience.
    ///
    /// Certificate verification is always on: there is no setting to turn it off, so a
    /// misconfigured server fails loudly instead of silently trusting anyone.
    func configureConnection(
        url: String,
        username: String?,
        password: String?,
        loginOptions: String?,
        requireTLS: Bool,
        caFile: String?,
        connectTimeout: Duration,
        operationTimeout: Duration
    ) throws(TransportError) {
        try set(CURLOPT_URL, url)
        // Credentials as options, not in the URL: no percent-encoding of '@' or ':' needed.
        try set(CURLOPT_USERNAME, username)
        try set(CURLOPT_PASSWORD, password)
        try set(CURLOPT_LOGIN_OPTIONS, loginOptions)
        try set(CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile {
            try set(CURLOPT_CAINFO, caFile)
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, connectTimeout.milliseconds)
        try set(CURLOPT_TIMEOUT_MS, operationTimeout.milliseconds)
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 so that a tiny timeout never means "no timeout".
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
