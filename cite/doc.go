// Package cite finds the references a document makes to other documents and to
// articles: titles in 《》 (with or without their 文号 and a version note after them,
// with or without 中华人民共和国), bare 文号 in any bracket form (国发〔2019〕4号,
// 赣府发﹝2020﹞16号, 国务院令第588号), articles of other documents (《…》第十条,
// 民法典第一千零五十一条 under a short name the document uses, 该法第三条), articles of
// the document itself (本法第二十条) and clauses of the article at hand (前款).
//
// Extraction is a pure function of a policysearch.Document's title and paragraph
// texts: no corpus, no I/O. Each reference carries the paragraph it stands in and its
// byte offsets there. Which document a reference names is decided by the index, which
// knows the corpus (index/citations.go).
//
// What is not a citation is left out: the document's own title (the plan a cover
// notice encloses, 现将《…》印发给你们), its own 文号, and 《》 around things that are
// not documents (《营业执照》, 《中国教育报》).
package cite
