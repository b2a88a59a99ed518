/// A printed QR code's error-correction level as config.yaml and front matter write it (`L`, `M`,
/// `Q`, `H`): typed once where it is read, so no later stage compares letters.
public enum QRLevel: String, Sendable, Hashable, CaseIterable {
    /// Recovers about 7, 15, 25 and 30 % of the modules.
    case low = "L", medium = "M", quartile = "Q", high = "H"

    /// The letters, for messages: `L, M, Q or H`.
    public static let spelled = "L, M, Q or H"
}
