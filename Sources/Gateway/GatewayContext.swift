import Foundation
import Logging
import Mediation
import Store

/// What every service of the gateway shares: the configuration, the store, the clock, and
/// the rules built from them once (address codec, screening, authentication, templates).
public struct GatewayContext: Sendable {
    public let configuration: TruceConfiguration
    public let store: MediationStore
    public let clock: any Clock
    public let logger: Logger
    public let addresses: ReplyAddressCodec
    public let screening: Screening
    public let authentication: AuthenticationPolicy
    public let postOffice: PostOffice
    let attachmentPolicy: AttachmentPolicy
    public let composer: RelayComposer

    /// Why the gateway cannot start with this configuration.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(
        configuration: TruceConfiguration, store: MediationStore, clock: any Clock,
        logger: Logger = Logger(label: "truce")
    ) throws(Failure) {
        let gateway: GatewayAddress
        do {
            gateway = try GatewayAddress(configuration.gateway.address)
        } catch {
            throw Failure(message: "gateway.address in \(configuration.sourceFile) cannot be used: \(error)")
        }
        let templates: TemplateLibrary
        do {
            templates = try TemplateLibrary(directory: configuration.templatesDirectory)
        } catch {
            throw Failure(message: error.message)
        }
        let codec = TagCodec(secret: configuration.gateway.secret, previousSecrets: configuration.gateway.previousSecrets)
        let addresses = ReplyAddressCodec(gateway: gateway, codec: codec)
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.logger = logger
        self.addresses = addresses
        self.screening = Screening(gateway: gateway)
        self.authentication = AuthenticationPolicy(trustedAuthservID: configuration.gateway.trustedAuthservID)
        self.postOffice = PostOffice(addresses: addresses)
        self.attachmentPolicy = AttachmentPolicy(maximumMegabytes: configuration.mediation.maxAttachmentMB)
        self.composer = RelayComposer(templates: templates, gatewayName: configuration.gateway.name, addresses: addresses)
    }

    /// Opens the store at `store.path`, creating its directory.
    public static func openStore(_ configuration: TruceConfiguration) throws(Failure) -> MediationStore {
        let path = configuration.store.path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            return try MediationStore(path: path)
        } catch {
            throw Failure(message: "cannot open the store at \(path) (store.path in \(configuration.sourceFile)): \(error)")
        }
    }
}
