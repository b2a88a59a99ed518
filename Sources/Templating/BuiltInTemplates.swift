/// Templates every site has even when its theme does not define them; a theme or the site
/// overrides one by providing a file of the same name under `layouts/`.
enum BuiltInTemplates {
    /// An HTML document as every built-in page starts and ends: the generator's own pages share
    /// one frame, so a change to it (the icon, the charset) is made once.
    static func document(html attributes: String, head: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html \(attributes)>
        <head>
        <meta charset="utf-8">
        <link rel="icon" href="data:,">
        \(head)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static let all: [String: String] = [
        "root": root, "alias": alias, "translation-status": translationStatus,
        "translation-status-entry": translationStatusEntry, "shortlink": shortlink,
    ]

    /// `/Q/<code>/`: a printed QR code's landing page. The language chooser script (when the theme
    /// has `static/js/language-chooser.js`) sends the reader to the page in their language.
    static let shortlink = document(
        html: #"lang="{{site.defaultLanguage}}" data-default-url="{{defaultURL}}""#,
        head: """
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{title}}</title>
            {{#site.assets.jsLanguageChooserJs}}<script src="{{site.assets.jsLanguageChooserJs}}"></script>{{/site.assets.jsLanguageChooserJs}}
            """,
        body: """
            <main>
            <h1>{{title}}</h1>
            <ul>
            {{#links}}
            <li><a href="{{url}}" hreflang="{{code}}" lang="{{code}}">{{name}}</a></li>
            {{/links}}
            </ul>
            </main>
            """)

    /// `/translation-status/`: unlinked, for translators and the communications team. A theme gives
    /// it its look with a `translation-status` template of its own (see docs/templates.md).
    static let translationStatus = document(
        html: #"lang="{{language.code}}""#,
        head: """
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{{page.title}} · {{site.title}}</title>
            """,
        body: """
            <main>
            <h1>{{page.title}}</h1>
            {{#translationStatus}}
            <p>Pages in {{defaultLanguageName}}: {{total}}. A translation is stale when its original changed after it was stamped, not verified when it has no stamp.</p>
            <table>
            <thead><tr><th scope="col">Language</th><th scope="col">Translated</th><th scope="col">Up to date</th><th scope="col">Stale</th><th scope="col">Not verified</th><th scope="col">Missing</th><th scope="col">UI strings missing</th></tr></thead>
            <tbody>
            {{#languages}}
            <tr><th scope="row"><a href="#lang-{{code}}" lang="{{code}}">{{name}}</a></th><td>{{progress}} ({{percent}} %)</td><td>{{upToDate}}</td><td>{{count(stale)}}</td><td>{{count(notVerified)}}</td><td>{{count(missing)}}</td><td>{{count(missingStrings)}}</td></tr>
            {{/languages}}
            </tbody>
            </table>
            {{#languages}}
            <section id="lang-{{code}}" aria-labelledby="lang-{{code}}-heading">
            <h2 id="lang-{{code}}-heading" lang="{{code}}">{{name}}</h2>
            <p>{{progress}}: {{upToDate}} up to date, {{count(stale)}} stale, {{count(notVerified)}} not verified, {{count(missing)}} missing.</p>
            {{^empty(stale)}}<h3>Stale</h3><ul>{{#stale}}<li>{{>translation-status-entry}}</li>{{/stale}}</ul>{{/empty(stale)}}
            {{^empty(notVerified)}}<h3>Not verified</h3><ul>{{#notVerified}}<li>{{>translation-status-entry}}</li>{{/notVerified}}</ul>{{/empty(notVerified)}}
            {{^empty(missing)}}<h3>Missing</h3><ul>{{#missing}}<li>{{>translation-status-entry}}</li>{{/missing}}</ul>{{/empty(missing)}}
            {{^empty(missingStrings)}}<h3>UI strings missing</h3><ul>{{#missingStrings}}<li><code>{{.}}</code></li>{{/missingStrings}}</ul>{{/empty(missingStrings)}}
            </section>
            {{/languages}}
            {{/translationStatus}}
            </main>
            """)

    /// One entry of the translation status lists: the original, then its translation, each linked
    /// as published (a theme may override it too).
    static let translationStatusEntry = """
        {{#url}}<a href="{{url}}">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}}{{#translationTitle}} → {{#translationURL}}<a href="{{translationURL}}" hreflang="{{lang}}" lang="{{lang}}">{{translationTitle}}</a>{{/translationURL}}{{^translationURL}}<span lang="{{lang}}">{{translationTitle}}</span>{{/translationURL}}{{/translationTitle}} <small><code>{{#translationPath}}{{translationPath}}{{/translationPath}}{{^translationPath}}{{path}}{{/translationPath}}</code></small>
        """

    /// `/index.html`: sends the visitor to the first of their browser's languages that the site has.
    /// Without JavaScript it is a plain list of languages.
    static let root = document(
        html: #"lang="{{site.defaultLanguage}}""#,
        head: """
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{site.title}}</title>
            {{#languages}}
            <link rel="alternate" hreflang="{{code}}" href="{{site.baseURL}}{{code}}/">
            {{/languages}}
            <link rel="alternate" hreflang="x-default" href="{{site.baseURL}}">
            <script>
            (function () {
              var available = [{{#languages}}"{{code}}",{{/languages}}];
              var wanted = navigator.languages || [navigator.language || ""];
              for (var i = 0; i < wanted.length; i++) {
                var code = String(wanted[i]).toLowerCase();
                for (var j = 0; j < available.length; j++) {
                  var have = available[j].toLowerCase();
                  if (code === have || code.split("-")[0] === have) { location.replace("/" + available[j] + "/"); return; }
                }
              }
              location.replace("{{defaultURL}}");
            })();
            </script>
            """,
        body: """
            <main>
            <h1>{{site.title}}</h1>
            <ul>
            {{#languages}}
            <li><a href="{{url}}" hreflang="{{code}}" lang="{{code}}">{{name}}</a></li>
            {{/languages}}
            </ul>
            </main>
            """)

    /// A page that moved: an instant redirect that search engines treat as permanent.
    static let alias = document(
        html: #"lang="{{language.code}}""#,
        head: """
            <title>{{title}}</title>
            <link rel="canonical" href="{{permalink}}">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url={{url}}">
            """,
        body: """
            <p><a href="{{url}}">{{title}}</a></p>
            """)
}
