package main

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// barColors are the bar colors, one per kind of decision; saturated, so
// that a rendering can tell a bar from text and axis (black and gray).
var barColors = map[string]string{
	"allow": "#2e7d32", "allow with obligations": "#f9a825", "deny": "#c62828",
	"drifting": "#1565c0", "several in a pixel": "#8e24aa",
}

var legend = []string{"allow", "allow with obligations", "deny", "drifting", "several in a pixel"}

// The picture's layout, in pixels.
const (
	svgWidth      = 1200
	svgLabelWidth = 380
	svgRight      = 10 // margin right of the plot
	plotWidth     = svgWidth - svgLabelWidth - svgRight
	axisHeight    = 40
	rowHeight     = 32
	barHeight     = 20
	legendRows    = 2
	// charWidth is a generous width of a character of the 12px
	// sans-serif labels, so that labels laid out by it never touch.
	charWidth = 7.5
)

func svgHeight(rows int) int { return axisHeight + rows*rowHeight + legendRows*rowHeight }

// picture is the SVG calendar: one row per check, its timeline's segments
// as colored bars over [from, to), the checks of each file under a header
// row naming it. Bars narrower than a pixel side by side are drawn as one,
// so a row holds at most about two bars per pixel whatever the number of
// segments.
type picture struct {
	from, to, now time.Time
	rows          []row
}

type row struct {
	label, title string
	header       bool
	bars         []bar
}

// bar is one segment, or several side by side narrower than a pixel.
type bar struct {
	x0, x1 float64
	class  string // a key of barColors
	n      int    // segments it stands for
	from   time.Time
	to     time.Time
	title  string // of a bar of one segment
}

// seconds is t's offset from p.from in seconds, computed on whole seconds
// and nanoseconds apart: exact over any span of years 0000 to 9999, which
// a time.Duration (at most 292 years) is not.
func (p *picture) seconds(t time.Time) float64 {
	return float64(t.Unix()-p.from.Unix()) + float64(t.Nanosecond()-p.from.Nanosecond())/1e9
}

// x is t's position, clamped to the period.
func (p *picture) x(t time.Time) float64 {
	switch {
	case t.Before(p.from):
		t = p.from
	case t.After(p.to):
		t = p.to
	}
	return svgLabelWidth + plotWidth*p.seconds(t)/p.seconds(p.to)
}

// file starts the rows of a file's checks.
func (p *picture) file(name string) {
	p.rows = append(p.rows, row{label: clipLabel(printable(name)), title: printable(name), header: true})
}

// check starts the row of check c.
func (p *picture) check(c scenario.Check) {
	words := printable(c.Describe())
	p.rows = append(p.rows, row{label: clipLabel(fmt.Sprintf("#%d %s", c.Index, words)),
		title: fmt.Sprintf("check %d at %s: %s", c.Index, instant(c.At), words)})
}

// segment adds s to the last row's bars.
func (p *picture) segment(s policy.Segment) {
	r := &p.rows[len(p.rows)-1]
	b := bar{x0: p.x(s.Start), x1: p.x(s.End), class: barClass(s), n: 1, from: s.Start, to: s.End}
	if k := len(r.bars); k > 0 {
		last := &r.bars[k-1]
		if last.x1-last.x0 < 1 && b.x1-b.x0 < 1 {
			if last.class != b.class {
				last.class = "several in a pixel"
			}
			last.x1, last.to, last.n = b.x1, b.to, last.n+b.n
			return
		}
	}
	b.title = fmt.Sprintf("[%s, %s) %s", instant(s.Start), instant(s.End), segmentSummary(s))
	r.bars = append(r.bars, b)
}

func barClass(s policy.Segment) string {
	switch {
	case s.Drifting:
		return "drifting"
	case s.Decision.Outcome != policy.Allow:
		return "deny"
	case s.Decision.Obligations.Len() > 0:
		return "allow with obligations"
	}
	return "allow"
}

// clipLabel shortens a row label to what the label column holds.
func clipLabel(s string) string {
	const most = (svgLabelWidth - 12) * 10 / 65 // characters of 6.5 pixels
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return string(r[:most-1]) + "…"
}

// write draws the rows as a self-contained SVG: a time axis with labelled
// ticks over [from, to), one row per check with its segments as colored
// bars, each titled with its interval and decision, "now" as a dashed
// line, and a legend.
func (p *picture) write(w io.Writer) error {
	var b strings.Builder
	h := svgHeight(len(p.rows))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		svgWidth, h, svgWidth, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", svgWidth, h)
	fmt.Fprintf(&b, `<text x="4" y="%d" fill="#333333">[%s, %s)</text>`+"\n", axisHeight-26, instant(p.from), instant(p.to))
	for _, t := range ticks(p.from, p.to) {
		x := p.x(t.at)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#bbbbbb"/>`+"\n", x, axisHeight-8, x, h-legendRows*rowHeight)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#333333">%s</text>`+"\n", x+2, axisHeight-12, t.label)
	}
	for i, r := range p.rows {
		y := axisHeight + i*rowHeight + (rowHeight-barHeight)/2
		if r.header {
			fmt.Fprintf(&b, `<text x="4" y="%d" fill="#000000" font-weight="bold"><title>%s</title>%s</text>`+"\n",
				y+barHeight-5, html.EscapeString(r.title), html.EscapeString(r.label))
			continue
		}
		fmt.Fprintf(&b, `<text x="6" y="%d" fill="#000000"><title>%s</title>%s</text>`+"\n",
			y+barHeight-5, html.EscapeString(r.title), html.EscapeString(r.label))
		for _, br := range r.bars {
			title := br.title
			if br.n > 1 {
				title = fmt.Sprintf("%d segments in [%s, %s)", br.n, instant(br.from), instant(br.to))
			}
			fmt.Fprintf(&b, `<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
				br.x0, y, max(br.x1-br.x0, 0.5), barHeight, barColors[br.class], html.EscapeString(title))
		}
	}
	if !p.now.Before(p.from) && p.now.Before(p.to) {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000000" stroke-dasharray="4 3"/>`+"\n",
			p.x(p.now), axisHeight-20, p.x(p.now), h-legendRows*rowHeight)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#000000">now %s</text>`+"\n", p.x(p.now)+3, axisHeight-26, instant(p.now))
	}
	// Legend: small swatches, below the rows.
	lx, ly := 6, h-legendRows*rowHeight+18
	for _, c := range legend {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" fill="#000000">%s</text>`+"\n",
			lx, ly, barColors[c], lx+14, ly+10, c)
		lx += 14 + int(float64(len(c))*charWidth) + 20
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
