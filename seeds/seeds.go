package seeds

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"

	"policysearch"
	"policysearch/parse"
)

//go:embed *.txt manifest.json
var files embed.FS

// entry is one manifest line: the metadata overrides for one file, and a note for
// people saying why the file is in the corpus and what its text lacks.
type entry struct {
	parse.Meta
	Note string `json:"note"`
}

// File is one embedded source file with its manifest metadata.
type File struct {
	Name string
	Data []byte
	Meta *parse.Meta
	Note string
}

// Files returns the embedded files in manifest order.
func Files() ([]File, error) {
	raw, err := files.ReadFile("manifest.json")
	if err != nil {
		return nil, fmt.Errorf("seeds manifest: %w", err)
	}
	var entries []entry
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("seeds manifest: %w", err)
	}
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		data, err := files.ReadFile(e.Path)
		if err != nil {
			return nil, fmt.Errorf("seeds manifest names %s: %w", e.Path, err)
		}
		m := e.Meta
		out = append(out, File{Name: e.Path, Data: data, Meta: &m, Note: e.Note})
	}
	return out, nil
}

// Documents parses every embedded file.
func Documents() ([]*policysearch.Document, error) {
	fs, err := Files()
	if err != nil {
		return nil, err
	}
	docs := make([]*policysearch.Document, 0, len(fs))
	for _, f := range fs {
		d, err := parse.Parse(f.Name, f.Data, f.Meta)
		if err != nil {
			return nil, fmt.Errorf("seed %s: %w", f.Name, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}
