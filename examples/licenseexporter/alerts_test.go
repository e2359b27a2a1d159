package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The files operators load: the alerting rules, their promtool test, and
// the Grafana dashboard.
var operatorFiles = []string{"alerts.yml", "alerts_test.yml", "dashboard.json"}

var (
	metricName = regexp.MustCompile(`\b(?:licensepolicy|go|process|promhttp)_[a-zA-Z0-9_]+`)
	labelUse   = regexp.MustCompile(`\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|\b(?:on|by|without|ignoring)\s*\(([^)]*)\)`)
)

// served is every family the served registry exports (one gathering),
// and every label name of the exporter's families.
func served(t *testing.T) (names, labels map[string]bool) {
	t.Helper()
	reg, err := newRegistry(NewCollector(Config{Paths: []string{"testdata/captures"}, Scenario: "testdata/scenario-trial-warning.json"}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil))
	if err != nil {
		t.Fatal(err)
	}
	scrape(t, reg) // the handler registers its own counters
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	names, labels = map[string]bool{}, map[string]bool{"job": true, "instance": true}
	for _, mf := range mfs {
		names[mf.GetName()] = true
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = true
			}
		}
	}
	for _, n := range metricNames {
		names[n] = true
	}
	return names, labels
}

// TestOperatorFilesNameOnlyWhatTheExporterServes: every metric the alerting
// rules, their test and the dashboard name is one the exporter registers
// (its own, the Go runtime's, the process's, the handler's), and every
// label they group, join or print by is one its series carry.
func TestOperatorFilesNameOnlyWhatTheExporterServes(t *testing.T) {
	names, labels := served(t)
	for _, file := range operatorFiles {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found := metricName.FindAllString(string(b), -1)
		if len(found) == 0 {
			t.Errorf("%s names no metric", file)
		}
		for _, n := range found {
			if !names[n] {
				t.Errorf("%s names %s, which the exporter does not register", file, n)
			}
		}
		for _, m := range labelUse.FindAllStringSubmatch(string(b), -1) {
			for _, l := range strings.Split(m[1]+","+m[2], ",") {
				if l = strings.TrimSpace(l); l != "" && !labels[l] {
					t.Errorf("%s uses label %q, which no series carries", file, l)
				}
			}
		}
	}
}

// dashboard is the part of a Grafana dashboard the tests read.
type dashboard struct {
	Title  string `json:"title"`
	UID    string `json:"uid"`
	Panels []struct {
		ID      int    `json:"id"`
		Type    string `json:"type"`
		Title   string `json:"title"`
		GridPos *struct {
			H, W, X, Y int
		} `json:"gridPos"`
		Targets []struct {
			Expr  string `json:"expr"`
			RefID string `json:"refId"`
		} `json:"targets"`
	} `json:"panels"`
}

func readDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile("dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("dashboard.json: %v", err)
	}
	return d
}

// TestDashboardPanelsQueryTheExporter: the dashboard has a title and a
// UID, and each panel an ID of its own, a place on the grid and a query.
func TestDashboardPanelsQueryTheExporter(t *testing.T) {
	d := readDashboard(t)
	if d.Title == "" || d.UID == "" || len(d.Panels) == 0 {
		t.Fatalf("dashboard %+v", d)
	}
	var ids []int
	for _, p := range d.Panels {
		if slices.Contains(ids, p.ID) || p.GridPos == nil || p.GridPos.W == 0 || len(p.Targets) == 0 {
			t.Errorf("panel %d %q: a second ID, no place or no query", p.ID, p.Title)
		}
		ids = append(ids, p.ID)
		for _, q := range p.Targets {
			if q.Expr == "" || q.RefID == "" {
				t.Errorf("panel %q: a query without an expression or a refId", p.Title)
			}
		}
	}
}

// promtool is the pinned promtool, or the test is skipped outside CI (CI
// installs it: .ci/run).
func promtool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("promtool is not installed: .ci/run installs it")
		}
		t.Skip("promtool is not installed (.ci/run installs it)")
	}
	out, err := exec.Command(p, "--version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "version "+promtoolVersion) {
		t.Fatalf("promtool --version: %v\n%s\nwant %s", err, out, promtoolVersion)
	}
	return p
}

// promtoolVersion is the promtool CI installs (Debian 12's prometheus).
const promtoolVersion = "2.42."

func runTool(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { defer close(done); out, err = cmd.CombinedOutput() }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
	}
	if err != nil {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// TestAlertRulesPassPromtool: promtool finds the alerting rules well
// formed and passes their unit test; every dashboard query parses as
// PromQL (checked as a recording rule).
func TestAlertRulesPassPromtool(t *testing.T) {
	p := promtool(t)
	runTool(t, p, "check", "rules", "alerts.yml")
	runTool(t, p, "test", "rules", "alerts_test.yml")
	var rules strings.Builder
	rules.WriteString("groups:\n  - name: dashboard\n    rules:\n")
	for _, panel := range readDashboard(t).Panels {
		for i, q := range panel.Targets {
			expr := strings.ReplaceAll(q.Expr, "$job", ".*")
			fmt.Fprintf(&rules, "      - record: dashboard:panel%d_%d\n        expr: %s\n", panel.ID, i, strconv.Quote(expr))
		}
	}
	file := filepath.Join(t.TempDir(), "dashboard-rules.yml")
	if err := os.WriteFile(file, []byte(rules.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	runTool(t, p, "check", "rules", file)
}
