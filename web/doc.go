// Package web embeds the search page: plain HTML, CSS and JavaScript with no build step
// and no requests to other hosts, served by the api package at /.
//
// The page is one index.html with ES modules under static/. The server answers every
// extensionless path outside /api with index.html, so each view has a real URL:
//
//	/                   search: the query and filters are in the URL (/?q=…&region=…&page=2&sort=date)
//	/p/ID               a paragraph in its document: metadata, neighbours, outline, similar clauses
//	/documents          every document with its metadata
//	/d/ID               a document's outline
//
// Modules:
//
//	app.js        router (routes and header navigation), the header search box, "/" shortcut
//	api.js        fetch of /api/v1 with the API's {"error":{"code","message"}} as ApiError
//	dom.js        h() and fill(), which build elements with text only, and marked(), the one
//	              path for server markup: it keeps text and <mark> of a highlight field
//	state.js      the search state and its URL; parameter names are the API's
//	search.js     results, facets, filter chips, sort, pagination; registerPanel() for
//	              panels above the hits (trends)
//	suggest.js    the ARIA combobox of completions
//	paragraph.js  the paragraph view; similar.js its 相似条款 section
//	documents.js  the documents list and a document's outline; outline.js the tree
//	ui.js         labels and shared components (metadata lists, unit chips, errors)
//
// The server's content security policy allows scripts and styles from the page's own
// files only: no inline script, no <style>, no style attributes. All CSS is in
// app.css. Text from the API goes into the page as text nodes; static_test.go checks
// these rules and browser_test.go drives Chromium over the real server.
package web
