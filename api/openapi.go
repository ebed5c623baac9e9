package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// openapiJSON is the OpenAPI 3.0 description of every route. It is written by hand,
// as the contract clients read; tests check that it names every registered route and
// accepted parameter, and that its schemas have the fields of the Go types.
//
//go:embed openapi.json
var openapiJSON []byte

// openAPIDocument is the document with the server's version filled in.
func openAPIDocument(version string) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		return nil, fmt.Errorf("api: openapi.json: %w", err)
	}
	info, ok := doc["info"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("api: openapi.json has no info object")
	}
	info["version"] = version
	return json.MarshalIndent(doc, "", "  ")
}
