/// Where each European country sits on a tile-grid map: one square per country, placed so that
/// neighbours stay roughly neighbours. Drawn as SVG at build time: no map tiles, no requests.
enum EuropeTileGrid {
    /// Country code → (column, row).
    static let positions: [String: (Int, Int)] = [
        "IS": (0, 0), "NO": (4, 0), "SE": (5, 0), "FI": (6, 0),
        "IE": (0, 1), "GB": (1, 1), "DK": (4, 1), "EE": (6, 1),
        "NL": (2, 2), "DE": (3, 2), "PL": (4, 2), "LT": (5, 2), "LV": (6, 2),
        "BE": (2, 3), "LU": (3, 3), "CZ": (4, 3), "SK": (5, 3), "UA": (6, 3),
        "FR": (1, 4), "CH": (2, 4), "AT": (3, 4), "HU": (4, 4), "RO": (5, 4), "MD": (6, 4),
        "PT": (0, 5), "ES": (1, 5), "IT": (2, 5), "SI": (3, 5), "HR": (4, 5), "RS": (5, 5), "BG": (6, 5),
        "MT": (2, 6), "BA": (4, 6), "ME": (5, 6), "MK": (6, 6), "TR": (7, 6),
        "AL": (5, 7), "GR": (6, 7), "CY": (8, 7),
    ]
    static let columns = 9
    static let rows = 8
    /// Side of a square and the gap between squares, in SVG units.
    static let tile = 44
    static let gap = 4
}
