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
//  2. lines: HTML and .docx are flattened to lines (table cells separated by tabs);
//     artefacts are removed (Word bookmarks, web-page chrome such as 发布者 or 打印本页,
//     repeated lines) and lines broken by page breaks are joined back;
//  3. header: the cover notice, 发文字号, issuers, signing date and title are read from
//     the lines before the body and from the signature at its end;
//  4. body: headings of every numbering style (一、 （一） (一) 1. 1． 12、 第X条 第X章 …)
//     are stacked into section paths; a numbered measure and the text under it become one
//     paragraph; task-list tables become one paragraph per row.
//
// Everything extracted can be overridden by a Meta (a NAME.meta.json sidecar, a seeds
// manifest entry or a metadata.jsonl line), for documents whose text lacks it.
package parse
