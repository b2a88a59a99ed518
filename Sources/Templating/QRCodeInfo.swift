/// One printed QR code as the QR sheet (`{{#qrCodes}}`) and a poster (`{{#poster}}`) show it: what
/// the communications team needs to print it well, in the language of the page showing it.
public struct QRCodeInfo: Sendable, Hashable, Encodable {
    public var code: String
    /// The page's title in the sheet's language when translated, else in `lang`; the address for outside links.
    public var title: String
    public var lang: String
    public var description: String?
    /// The page in this language (or the best other one), or the outside address.
    public var url: String
    public var isExternal: Bool
    /// `HTTPS://HOST/Q/CODE`: what the code holds.
    public var shortLink: String
    /// `host/Q/CODE`: what is printed under the code.
    public var shortLinkText: String
    /// `/Q/CODE/qr.svg`.
    public var imageURL: String
    /// QR symbol version (1–40) and error-correction level (`L`, `M`, `Q`, `H`).
    public var version: Int
    public var errorCorrection: String
    /// The smallest printed width (quiet zone included) that phones read at arm's length, e.g. `17 mm`.
    public var minimumWidth: String
    /// This code's poster in this language (one page that prints on A4 or A5); nil for outside links.
    public var posterURL: String?

    public init(
        code: String, title: String, lang: String, description: String?, url: String, isExternal: Bool,
        shortLink: String, shortLinkText: String, imageURL: String, version: Int, errorCorrection: String,
        minimumWidth: String
    ) {
        self.code = code
        self.title = title
        self.lang = lang
        self.description = description
        self.url = url
        self.isExternal = isExternal
        self.shortLink = shortLink
        self.shortLinkText = shortLinkText
        self.imageURL = imageURL
        self.version = version
        self.errorCorrection = errorCorrection
        self.minimumWidth = minimumWidth
    }
}
