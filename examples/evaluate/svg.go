package main

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"
)

// standingColors are the bar colors, one per standing; saturated, so that
// a rendering can tell a bar from text and axis (black and gray).
var standingColors = map[string]string{
	"active": "#2e7d32", "grace": "#f9a825", "warning": "#ef6c00", "expired": "#c62828",
	"valid": "#1565c0", "lot expired": "#6d4c41",
	"pending": "#8e24aa", "met": "#00897b", "breach": "#d81b60",
}

// The picture's layout, in pixels.
const (
	svgWidth      = 1000
	svgLabelWidth = 220
	axisHeight    = 40
	rowHeight     = 32
	barHeight     = 20
	legendRows    = 2
)

func svgHeight(rows int) int { return axisHeight + rows*rowHeight + legendRows*rowHeight }

// write draws the rows as a self-contained SVG: a time axis of month (or
// year) ticks over [from, to), one row per license, lot and trade-in with
// its standing as colored bars, "now" as a dashed line, and a legend.
func (p *picture) write(w io.Writer) error {
	var b strings.Builder
	h := svgHeight(len(p.rows))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		svgWidth, h, svgWidth, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", svgWidth, h)
	span := p.to.Sub(p.from).Seconds()
	x := func(t time.Time) float64 {
		if t.IsZero() || t.After(p.to) {
			t = p.to
		}
		if t.Before(p.from) {
			t = p.from
		}
		return svgLabelWidth + (svgWidth-svgLabelWidth-10)*t.Sub(p.from).Seconds()/span
	}
	// Axis: a tick at each month start, labelled by year only when the
	// period spans more than two years.
	years := p.to.Year() - p.from.Year()
	for t := time.Date(p.from.Year(), p.from.Month(), 1, 0, 0, 0, 0, time.UTC); t.Before(p.to); t = t.AddDate(0, 1, 0) {
		if t.Before(p.from) || (years > 2 && t.Month() != time.January) {
			continue
		}
		label := t.Format("2006-01")
		if years > 2 {
			label = t.Format("2006")
		}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#bbbbbb"/>`+"\n", x(t), axisHeight-8, x(t), h-legendRows*rowHeight)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#333333">%s</text>`+"\n", x(t)+2, axisHeight-12, label)
	}
	for i, r := range p.rows {
		y := axisHeight + i*rowHeight + (rowHeight-barHeight)/2
		fmt.Fprintf(&b, `<text x="6" y="%d" fill="#000000">%s</text>`+"\n", y+barHeight-5, html.EscapeString(printable(r.label)))
		for _, s := range r.segments {
			if !s.to.IsZero() && !s.to.After(p.from) || s.from.After(p.to) {
				continue
			}
			x0, x1 := x(s.from), x(s.to)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s – %s</title></rect>`+"\n",
				x0, y, x1-x0, barHeight, standingColors[s.standing], s.standing, instant(s.from), instant(s.to))
		}
	}
	if !p.now.Before(p.from) && p.now.Before(p.to) {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#000000" stroke-dasharray="4 3"/>`+"\n",
			x(p.now), axisHeight-20, x(p.now), h-legendRows*rowHeight)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#000000">now %s</text>`+"\n", x(p.now)+3, axisHeight-26, p.now.Format("2006-01-02"))
	}
	// Legend: small swatches, below the rows.
	lx, ly := 6, h-legendRows*rowHeight+18
	for _, st := range []string{"active", "grace", "warning", "expired", "valid", "lot expired", "pending", "met", "breach"} {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" fill="#000000">%s</text>`+"\n",
			lx, ly, standingColors[st], lx+14, ly+10, st)
		lx += 100
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
