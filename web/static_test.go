package web_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"policysearch/web"
)

// These checks need no browser. They hold the page to the server's content security
// policy and to the rule that API text never becomes HTML, so that a view added later
// cannot quietly break either.

func readAll(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(web.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.FS(), p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestPageFiles(t *testing.T) {
	files := readAll(t)
	html, ok := files["index.html"]
	if !ok {
		t.Fatal("web.FS() has no index.html at its root")
	}
	if !strings.Contains(html, `<html lang="zh-CN">`) {
		t.Error(`index.html does not declare lang="zh-CN"`)
	}
	// Every file index.html names is there.
	for _, m := range regexp.MustCompile(`(?:src|href)="(/[^"]*)"`).FindAllStringSubmatch(html, -1) {
		name := strings.TrimPrefix(m[1], "/")
		if name == "" || strings.HasPrefix(name, "openapi.json") || !strings.Contains(name, ".") {
			continue // the page itself, an API route, or a view of the page
		}
		if _, ok := files[name]; !ok {
			t.Errorf("index.html refers to %s, which is not in web/static", m[1])
		}
	}
	// Every module import resolves.
	importRe := regexp.MustCompile(`(?m)^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'`)
	for name, src := range files {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range importRe.FindAllStringSubmatch(src, -1) {
			if !strings.HasPrefix(m[1], "./") {
				t.Errorf("%s imports %q: import page modules by relative path (./x.js)", name, m[1])
				continue
			}
			if _, ok := files[strings.TrimPrefix(m[1], "./")]; !ok {
				t.Errorf("%s imports %s, which is not in web/static", name, m[1])
			}
		}
	}
}

// TestContentSecurityPolicy: the server sends script-src 'self' and style-src 'self',
// so inline scripts, <style> blocks, style attributes and inline event handlers would
// be refused by the browser.
func TestContentSecurityPolicy(t *testing.T) {
	files := readAll(t)
	html := files["index.html"]
	for _, bad := range []struct{ re, what string }{
		{`<script(?:\s[^>]*)?>\s*[^<\s]`, "an inline script"},
		{`<style`, "a <style> block"},
		{`\sstyle\s*=`, "a style attribute"},
		{`\son[a-z]+\s*=`, "an inline event handler"},
		{`javascript:`, "a javascript: URL"},
	} {
		if regexp.MustCompile(`(?i)` + bad.re).MatchString(html) {
			t.Errorf("index.html has %s, which the content security policy blocks", bad.what)
		}
	}
	if hasScriptWithoutSrc(html) {
		t.Error("index.html has a script without src, which the content security policy blocks")
	}
	for name, src := range files {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, bad := range []struct{ re, what string }{
			{`\bstyle\s*=\s*['"]`, "a style attribute in markup"},
			{`setAttribute\(\s*['"](?:style|on[a-z]+)['"]`, "a style or event handler attribute"},
			{`\.insertAdjacentHTML\b|\.outerHTML\s*=|document\.write|\beval\(|new Function\(`, "HTML or code built from strings"},
			{`javascript:`, "a javascript: URL"},
		} {
			if regexp.MustCompile(bad.re).MatchString(src) {
				t.Errorf("%s has %s", name, bad.what)
			}
		}
		// innerHTML is used once, in dom.js, to parse the server's highlight markup
		// inside an inert <template> whose content is copied out as text and <mark>.
		n := strings.Count(src, ".innerHTML")
		if name == "dom.js" {
			if n != 1 || !strings.Contains(src, "tpl.innerHTML = html") {
				t.Errorf("dom.js: innerHTML is used %d times; only the template parse in marked() may use it", n)
			}
		} else if n > 0 {
			t.Errorf("%s uses innerHTML; build elements with h() and text, or marked() for highlights", name)
		}
	}
}

func hasScriptWithoutSrc(html string) bool {
	for _, m := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(m, "src=") {
			return true
		}
	}
	return false
}

// TestNoOtherHosts: the service may run on an intranet, so the page loads nothing from
// other hosts: no CDN scripts, fonts or images.
func TestNoOtherHosts(t *testing.T) {
	urlRe := regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"')]*`)
	for name, src := range readAll(t) {
		for _, u := range urlRe.FindAllString(src, -1) {
			if u == "http://www.w3.org/2000/svg" {
				continue // the SVG namespace, a name rather than a request
			}
			t.Errorf("%s refers to another host: %s", name, u)
		}
	}
}
