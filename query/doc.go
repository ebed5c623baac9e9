// Package query parses the search syntax shared by the API, the CLI and the web page:
//
//	产教融合 实训基地          words, all required
//	"产教融合" “实训基地”       exact phrases (ASCII or Chinese quotes)
//	-乡村  -"乡村振兴"          exclusion
//	双师型 OR 双师            alternatives
//	region:山东 level:市 year:2020..2023 issuer:教育部 type:实施方案 unit:市教育局
//	*                        every paragraph (within the filters), e.g. for an export
//
// It only reads the syntax. Segmenting words with jieba, synonyms and ranking belong to
// the index package.
package query
