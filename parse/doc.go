// Package parse turns one source file (plain text, Markdown, HTML or .docx) plus optional
// sidecar metadata into a policysearch.Document: the document's metadata and its
// paragraphs, each a measure with its heading and body, a table row, an article, or a
// plain paragraph, with the headings that enclose it.
//
// Parsing is a pure function of the bytes given: no I/O beyond the reader, no global
// state. The steps are
//
//  1. decode: UTF-8 (with or without BOM) or GB18030/GBK, recognised and converted;
//     binary input is refused;
//  2. lines: HTML pages are read on a DOM, where the main content is the element that
//     holds most of the page's sentence punctuation, furniture (navigation, share and
//     print bars, QR codes, footers) is skipped by element and class names, layout
//     tables are read as blocks and data tables as rows (htmlmain.go); .docx bodies are
//     read with Word's list numbering rebuilt and nested tables kept in their cells
//     (docx.go, docxnum.go); metadata blocks (北大法宝 【…】 headers, crawler Markdown,
//     YAML front matter, 信息公开 tables) are taken out of the text into labelled
//     pairs (metablock.go); artefacts are removed (Word bookmarks, page chrome) and
//     lines broken by page breaks are joined back, in linear time (join.go);
//  3. header: the cover notice (notice_title and its text), 发文字号, issuers (the
//     signature before the masthead or the title), the signing, publication and
//     effective dates, and the document's own title are read from the lines before
//     the body and from the signature at its end (header.go), and the labelled pairs
//     fill what the text leaves empty, the rest kept as Document.Fields; a note of
//     adoption under the title (（2021年9月29日…通过　根据…修正）) is kept as 题注 and
//     read, like a Markdown law's info lines, for the dates and bodies of its events;
//  4. body: headings of every numbering style (一、 （一） (一) 1. 1． 12、 1.1 第X条
//     第X章 …) are stacked into section paths; a numbered measure and the text under it
//     become one paragraph; tables become one paragraph per row, their category rows
//     the section path of the rows below (tables.go); responsible units are read from
//     the notes of every form, lead and cooperating units apart (unitnotes.go);
//     paragraphs longer than MaxParagraphRunes are split into marked parts;
//  5. region and level come from the lead issuer through the divisions table (a
//     collection's province refined by an issuer or title naming a city in it), or are
//     inferred from the place names of the text and marked so (region.go); a law's
//     status, effective date (本法自…起施行), repeals and amended law are read from its
//     text (lawmeta.go), and its id from its 文号 or title and date (ids.go).
//
// Everything extracted can be overridden by a Meta (a NAME.meta.json sidecar, a seeds
// manifest entry or a metadata.jsonl line), for documents whose text lacks it.
package parse
