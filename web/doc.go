// Package web embeds the search page: plain HTML, CSS and JavaScript with no build step
// and no requests to other hosts, served by the api package at /.
//
// The page is one index.html with ES modules under static/. The server answers every
// extensionless path outside /api with index.html, so each view has a real URL:
//
//	/                   search: the query and filters are in the URL (/?q=…&region=…&page=2&sort=date),
//	                    with the trends panel (hits per year, region, province, level, type, issuer)
//	/kwic               keyword in context: the search's q and filters plus width, sort=doc|left|right, page
//	/p/ID               a paragraph in its document: metadata, neighbours, outline, lineage (条款溯源),
//	                    similar clauses (相似条款)
//	/documents          every document with its metadata, each with "与…比对"
//	/d/ID               a document's outline, with "与…比对"
//	/compare/A/B        what document B takes from document A: coverage and the shared paragraphs
//	/similar            找先例: a pasted clause's precedents (?text=… when short, &size=…)
//
// Modules:
//
//	app.js        router (routes and header navigation), the header search box, "/" shortcut
//	api.js        fetch of /api/v1 (GET, and POST of JSON) with the API's
//	              {"error":{"code","message"}} as ApiError; exportHref() for downloads
//	dom.js        h() and fill(), which build elements with text only; svg(), the same for
//	              SVG (charts); and marked(), the one path for server markup: it keeps
//	              text and <mark> of a highlight field
//	state.js      the search state and its URL; parameter names are the API's; the KWIC
//	              view's URL
//	search.js     results, facets, filter chips, sort, export, pagination; registerPanel()
//	              for panels above the hits
//	trends.js     the trends panel: /stats drawn as an SVG bar chart, with a data table
//	kwic.js       the keyword-in-context view
//	suggest.js    the ARIA combobox of completions
//	paragraph.js  the paragraph view; lineage.js its 条款溯源 timeline, similar.js its
//	              相似条款 section
//	precedents.js a precedent clause and two texts side by side, shared by the precedent views
//	compare.js    the comparison of two documents, and the "与…比对" picker
//	paste.js      找先例, the precedents of a pasted clause
//	documents.js  the documents list and a document's outline; outline.js the tree
//	ui.js         labels and shared components (metadata lists, unit chips, errors, levels)
//
// The server's content security policy allows scripts and styles from the page's own
// files only: no inline script, no <style>, no style attributes. All CSS is in
// app.css. Text from the API goes into the page as text nodes; static_test.go checks
// these rules and browser_test.go drives Chromium over the real server.
package web
