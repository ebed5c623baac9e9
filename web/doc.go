// Package web embeds the search page: plain HTML, CSS and JavaScript with no build step
// and no requests to other hosts, served by the api package at /.
package web
