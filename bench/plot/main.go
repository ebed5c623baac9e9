// Command plot draws the growth curve of bench/peers.sh: build time, index size and
// memory, and query latency against the amount of text, from growth.tsv.
//
//	go run . GROWTH.tsv OUT.png
//
// It is its own module (gonum/plot is needed only here), so the service's go.mod does
// not change.
package main

import (
	"bufio"
	"fmt"
	"image/color"
	"math"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// table is growth.tsv: a header row and numeric columns.
type table struct {
	cols map[string][]float64
	n    int
}

func read(file string) (*table, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var head []string
	t := &table{cols: map[string][]float64{}}
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = fields
			continue
		}
		if len(fields) != len(head) {
			continue
		}
		for i, h := range head {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				v = math.NaN()
			}
			t.cols[h] = append(t.cols[h], v)
		}
		t.n++
	}
	if t.n == 0 {
		return nil, fmt.Errorf("%s: no rows", file)
	}
	return t, sc.Err()
}

// series is one line of a panel.
type series struct {
	col   string
	label string
	color color.Color
	dash  bool
}

var (
	blue   = color.RGBA{31, 119, 180, 255}
	orange = color.RGBA{255, 127, 14, 255}
	green  = color.RGBA{44, 160, 44, 255}
	red    = color.RGBA{214, 39, 40, 255}
	purple = color.RGBA{148, 103, 189, 255}
)

func panel(t *table, title, ylabel string, logY bool, ss []series) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "text (MiB)"
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Legend.Left = true
	p.X.Min = 0
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	} else {
		p.Y.Min = 0
	}
	x := t.cols["text_mib"]
	for _, s := range ss {
		var pts plotter.XYs
		for i, y := range t.cols[s.col] {
			if math.IsNaN(y) || (logY && y <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: x[i], Y: y})
		}
		if len(pts) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		l.Color, sc.Color = s.color, s.color
		if s.dash {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(l, sc)
		p.Legend.Add(s.label, l, sc)
	}
	p.Add(plotter.NewGrid())
	return p, nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: plot GROWTH.tsv OUT.png")
		os.Exit(2)
	}
	t, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
	specs := []struct {
		title, ylabel string
		log           bool
		ss            []series
	}{
		{"build time", "seconds", false, []series{{col: "build_s", label: "build s", color: blue}}},
		{"index size and memory", "MiB", false, []series{
			{col: "index_mib", label: "index on disk", color: blue},
			{col: "rss_build_mib", label: "peak RSS build", color: orange},
			{col: "rss_query_mib", label: "peak RSS query", color: green},
		}},
		{"query latency (per-query medians)", "ms (log)", true, []series{
			{col: "p50_ms", label: "p50, phrase cache on", color: blue},
			{col: "p99_ms", label: "p99, phrase cache on", color: red},
			{col: "cold_p50_ms", label: "p50, cache off", color: purple, dash: true},
			{col: "cold_p99_ms", label: "p99, cache off", color: orange, dash: true},
		}},
	}
	plots := make([][]*plot.Plot, 1)
	for _, s := range specs {
		p, err := panel(t, s.title, s.ylabel, s.log, s.ss)
		if err != nil {
			fmt.Fprintln(os.Stderr, "plot:", err)
			os.Exit(1)
		}
		plots[0] = append(plots[0], p)
	}
	img := vgimg.New(vg.Points(1350), vg.Points(420))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: len(specs), PadX: vg.Points(12), PadY: vg.Points(8),
		PadTop: vg.Points(8), PadBottom: vg.Points(8), PadLeft: vg.Points(8), PadRight: vg.Points(8)}
	canvases := plot.Align(plots, tiles, dc)
	for i, p := range plots[0] {
		p.Draw(canvases[0][i])
	}
	f, err := os.Create(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}
