// Package seeds embeds the default corpus: five vocational-education policy documents
// and a manifest with their ids and the metadata their text lacks. A fresh clone serves
// them with no flags and no files on disk.
package seeds
