import Foundation
import SiteCore

/// Makes the print editions' PDFs with WeasyPrint (PyPI `weasyprint`), a Python program: the
/// only PDF maker that does paged CSS well enough for a book (contents with page numbers through
/// `target-counter`, running headers, "page 3 of 24") and writes tagged PDF/UA-1.
///
/// One Python process makes every PDF of a build (importing WeasyPrint takes a second). The
/// files go to it on standard input and the PDFs come back on standard output, so nothing is
/// written to disk, and its URL fetcher serves only those files: a print edition never reaches
/// the network, and a file the page names but the site lacks is reported rather than fetched.
/// WeasyPrint writes no dates into the PDF, so the same files give the same bytes (checked by
/// `Tests/Print`); `SOURCE_DATE_EPOCH` matters only through the edition date the build prints.
public struct WeasyPrint: PDFMaking {
    /// The Python interpreter that has WeasyPrint, and WeasyPrint's version.
    public let python: URL
    public let version: String
    /// Where the last answer is kept (`<site>/.cache/pdf/`): the same files give the same PDFs, so
    /// a build whose books did not change (the test targets build the site several times) reuses
    /// them instead of running WeasyPrint again. Nil: no cache.
    public var cacheFolder: URL?

    /// How to get it, for `pdf`'s error and `build`'s note.
    public static let installHint =
        "Install WeasyPrint with `make deps`, or `python3 -m pip install weasyprint==70.0` (it needs Debian's libpango-1.0-0 and fonts-noto-core)."

    /// WeasyPrint in `INTERACT_PYTHON` (an interpreter's path), else in the first `python3` on
    /// `PATH`; nil when neither has it.
    public static func find(environment: [String: String]) -> WeasyPrint? {
        var candidates: [String] = []
        if let chosen = environment["INTERACT_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            candidates.append(String(folder) + "/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let python = URL(fileURLWithPath: candidate)
            // The installed package's version from its metadata: importing WeasyPrint itself took
            // 1.5 s, most of a small site's build when its PDFs come from the cache anyway. (A
            // package that is installed but cannot run fails when it is run, with its message.)
            let probe = "import importlib.metadata as m, sys; sys.stdout.write(m.version('weasyprint'))"
            guard let (status, output) = try? run(python, arguments: ["-c", probe], input: Data()), status == 0
            else { continue }
            return WeasyPrint(python: python, version: String(decoding: output, as: UTF8.self))
        }
        return nil
    }

    public func makePDFs(_ jobs: [PDFJob], files: [String: Data], baseURL: String) throws -> [PDFResult] {
        guard !jobs.isEmpty else { return [] }
        let request: [String: Any] = [
            "baseURL": baseURL,
            "jobs": jobs.map(\.page),
            "files": files.mapValues { $0.base64EncodedString() },
        ]
        let input = try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])
        let cached = cacheFolder.map { $0.appendingPathComponent(cacheName(of: input)) }
        if let cached, let output = try? Data(contentsOf: cached),
            let answer = try? JSONSerialization.jsonObject(with: output) as? [[String: Any]], answer.count == jobs.count
        {
            return results(answer)
        }
        let (status, output) = try Self.run(python, arguments: ["-c", Self.driver], input: input)
        guard status == 0,
            let answer = try? JSONSerialization.jsonObject(with: output) as? [[String: Any]],
            answer.count == jobs.count
        else {
            throw WeasyPrintFailure(message: "WeasyPrint stopped (exit status \(status)).")
        }
        if let cached, let folder = cacheFolder {
            // One answer is kept: the folder does not grow with every edit.
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? output.write(to: cached, options: .atomic)
        }
        return results(answer)
    }

    /// The request's fingerprint, WeasyPrint's version and the request's size: the cache's file name.
    private func cacheName(of input: Data) -> String {
        var hash = ContentHash.Accumulator()
        for byte in Data((python.path + " " + version + "\n").utf8) { hash.add(byte) }
        input.withUnsafeBytes { hash.add($0.bindMemory(to: UInt8.self)) }
        return "answer-\(hash.digest)-\(input.count).json"
    }

    private func results(_ answer: [[String: Any]]) -> [PDFResult] {
        return answer.map { item in
            PDFResult(
                contents: Data(base64Encoded: item["pdf"] as? String ?? "") ?? Data(),
                pageCount: item["pages"] as? Int ?? 0, missing: item["missing"] as? [String] ?? [])
        }
    }

    /// Runs `python` with `arguments`, `input` on its standard input; its standard error goes to
    /// ours (WeasyPrint's own warnings stay visible). Returns the exit status and standard output.
    private static func run(_ python: URL, arguments: [String], input: Data) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        // Standard output is read on another thread while the input is written: a large PDF
        // fills the pipe before the input has all gone.
        let reader = OutputCollector()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            reader.data = stdout.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, reader.data)
    }

    /// The Python side: reads the request, makes each PDF with only the given files to fetch,
    /// answers with the PDFs, their page counts and what was missing.
    static let driver = #"""
        import base64, json, logging, mimetypes, sys
        import weasyprint
        from weasyprint import urls
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        request = json.load(sys.stdin)
        base = request["baseURL"]
        files = {path: base64.b64decode(data) for path, data in request["files"].items()}
        missing = []
        def body(url):
            path = url.split("#")[0].split("?")[0]
            if not path.startswith(base):
                raise ValueError("outside the site: " + url)
            path = urls.unquote(path[len(base):]) if hasattr(urls, "unquote") else path[len(base):]
            if path == "" or path.endswith("/"):
                path += "index.html"
            if path not in files:
                missing.append("/" + path)
                raise ValueError("not in the site: " + url)
            return path, files[path]
        def kind(path):
            return mimetypes.guess_type(path)[0] or "application/octet-stream"
        if hasattr(urls, "URLFetcherResponse"):
            class Fetcher(urls.URLFetcher):
                def fetch(self, url, headers=None):
                    path, data = body(url)
                    return urls.URLFetcherResponse(url, body=data, headers={"Content-Type": kind(path)})
            fetcher = Fetcher()
        else:
            def fetcher(url):
                path, data = body(url)
                return {"string": data, "mime_type": kind(path), "redirected_url": url}
        variants = getattr(getattr(weasyprint, "pdf", None), "VARIANTS", {})
        options = {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in variants else {}
        answer = []
        for page in request["jobs"]:
            del missing[:]
            html = weasyprint.HTML(string=files[page].decode("utf-8"), base_url=base + page, url_fetcher=fetcher)
            document = html.render()
            pdf = document.write_pdf(**options)
            answer.append({"pdf": base64.b64encode(pdf).decode("ascii"), "pages": len(document.pages),
                           "missing": sorted(set(missing))})
        json.dump(answer, sys.stdout)
        """#
}

/// What a reader thread hands back to `WeasyPrint.run`.
private final class OutputCollector: @unchecked Sendable {
    var data = Data()
}
