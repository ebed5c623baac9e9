package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS is the page's files, rooted so that index.html is at the top.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
