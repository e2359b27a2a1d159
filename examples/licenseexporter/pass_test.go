package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

var edgeCapture = func() string {
	b, err := os.ReadFile("testdata/captures/edge-1.txt")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func mkfifo(t testing.TB, p string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

// scrapeWithin gets /metrics through the real handler, failing the test
// when no answer comes in a long while: a wedged exporter never answers.
func scrapeWithin(t *testing.T, srv *httptest.Server) (int, string) {
	t.Helper()
	type answer struct {
		code int
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, err = fmt.Fprint(&b, readAll(resp))
		got <- answer{resp.StatusCode, b.String(), err}
	}()
	select {
	case a := <-got:
		if a.err != nil {
			t.Fatal(a.err)
		}
		return a.code, a.body
	case <-time.After(20 * time.Second):
		t.Fatal("no answer to a scrape after 20 s: the exporter is wedged")
	}
	return 0, ""
}

func readAll(resp *http.Response) string {
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// TestNamedPipeBesideADirectoryWedgesNothing: a FIFO given as a path beside
// a good directory is a read error of its own; every scrape answers at once
// with the directory's devices. Before, every scrape answered 503 after a
// minute, and nothing was served.
func TestNamedPipeBesideADirectoryWedgesNothing(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "edge-2.txt"))
	c := NewCollector(Config{Paths: []string{fifo, "testdata/captures"}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	srv := httptest.NewServer(handler(registry(t, c), nil))
	defer srv.Close()
	for range 2 {
		code, body := scrapeWithin(t, srv)
		if code != http.StatusOK || !strings.Contains(body, `licensepolicy_device_info{device="edge-1"`) || !strings.Contains(body, `licensepolicy_device_info{device="lab-eval"`) {
			t.Fatalf("%d:\n%s", code, body)
		}
		if !strings.Contains(body, fmt.Sprintf("licensepolicy_capture_read_errors_total{dir=%q,file=%q}", filepath.Dir(fifo), filepath.Base(fifo))) {
			t.Errorf("the FIFO is not counted as a read error:\n%s", body)
		}
	}
}

// TestCaptureSwappedWithANamedPipeWedgesNothing: a capture renamed back
// and forth between a regular file and a FIFO, in a directory and as a
// path, never holds a scrape: each one answers, the capture read or
// counted as a read error. Before, after a few scrapes one hung for good
// holding the collector's lock, and every later scrape with it.
func TestCaptureSwappedWithANamedPipeWedgesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "edge-1.txt")
	reg := filepath.Join(t.TempDir(), "regular")
	if err := os.WriteFile(reg, []byte(edgeCapture), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "fifo"))
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			src := reg
			if i%2 == 1 {
				src = fifo
			}
			tmp := filepath.Join(dir, ".next")
			_ = os.Remove(tmp)
			if os.Link(src, tmp) == nil {
				_ = os.Rename(tmp, p)
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	defer func() { close(stop); <-stopped }()
	for _, paths := range [][]string{{dir}, {p}} {
		c := NewCollector(Config{Paths: paths}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
		srv := httptest.NewServer(handler(registry(t, c), nil))
		for range 30 {
			if code, body := scrapeWithin(t, srv); code != http.StatusOK {
				t.Fatalf("%v: %d\n%s", paths, code, body)
			}
		}
		srv.Close()
	}
}

// TestSeriesOfGoneFilesDisappear: captures renamed before each scrape
// leave a read-error series for the files there now and none for the files
// gone. Before, 50 renames left a series for every name ever seen.
func TestSeriesOfGoneFilesDisappear(t *testing.T) {
	dir := t.TempDir()
	c := NewCollector(Config{Paths: []string{dir}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	reg := registry(t, c)
	for i := range 50 {
		for _, name := range []string{fmt.Sprintf("edge-%d.txt", i), fmt.Sprintf("bad-%d.txt", i)} {
			text := edgeCapture
			if strings.HasPrefix(name, "bad") {
				text = "not a capture\n"
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				old := strings.Replace(name, fmt.Sprint(i), fmt.Sprint(i-1), 1)
				if err := os.Remove(filepath.Join(dir, old)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := reg.Gather(); err != nil {
			t.Fatal(err)
		}
	}
	// The last scrape's read and the comparison's.
	want := readErrors(errorRow(dir, "bad-49.txt", 2), errorRow(dir, "edge-49.txt", 0))
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Error(err)
	}
	if n, err := testutil.GatherAndCount(reg, "licensepolicy_device_info"); err != nil || n != 1 {
		t.Errorf("%d devices, %v; want the one there now", n, err)
	}
}

// TestNamesThatAreNotUTF8StayApart: two captures whose file names differ
// only in bytes that are not UTF-8 are two devices, each labelled by its
// name quoted; before, both became "a\uFFFD" and the second was refused as
// the first's duplicate.
func TestNamesThatAreNotUTF8StayApart(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the file system keeps names UTF-8")
	}
	dir := t.TempDir()
	for _, name := range []string{"a\xff.txt", "a\xfe.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(edgeCapture), 0o644); err != nil {
			t.Skipf("a name that is not UTF-8: %v", err)
		}
	}
	c := NewCollector(Config{Paths: []string{dir}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	reg := registry(t, c)
	body := scrape(t, reg)
	for _, dev := range []string{`a\xfe`, `a\xff`} {
		if !strings.Contains(body, fmt.Sprintf(`licensepolicy_device_info{device=%q`, `"`+dev+`"`)) {
			t.Errorf("device %s is not exported:\n%s", dev, body)
		}
	}
	if n, err := testutil.GatherAndCount(reg, "licensepolicy_device_info"); err != nil || n != 2 {
		t.Errorf("%d devices, %v; want 2", n, err)
	}
}

// TestReadPastItsDeadlineAnswersWithWhatItHas: a capture whose open does
// not return (a hung mount) holds neither the collector's lock nor a
// scrape: the scrape answers at the read's deadline with the other
// devices, the capture counted as a read error; later reads refuse it at
// once while its read has not returned, and read it once it has.
func TestReadPastItsDeadlineAnswersWithWhatItHas(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a-hung.txt", "b-edge.txt", "c-edge.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(edgeCapture), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hung := filepath.Join(dir, "a-hung.txt")
	c := NewCollector(Config{Paths: []string{dir}, Timeout: 200 * time.Millisecond}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	release, opened := make(chan struct{}), make(chan struct{}, 1)
	c.reader.Open = func(p string) (*os.File, error) {
		if p == hung {
			opened <- struct{}{}
			<-release
		}
		return os.Open(p)
	}
	srv := httptest.NewServer(handler(registry(t, c), nil))
	defer srv.Close()
	errorsOf := func(body string) string {
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, fmt.Sprintf("licensepolicy_capture_read_errors_total{dir=%q,file=%q}", dir, filepath.Base(hung))) {
				return l
			}
		}
		return ""
	}

	code, body := scrapeWithin(t, srv)
	<-opened
	if code != http.StatusOK || strings.Count(body, "licensepolicy_device_info{") != 0 || !strings.HasSuffix(errorsOf(body), " 1") {
		// The hung file is first by name: the read never got past it.
		t.Errorf("first scrape: %d\n%s", code, body)
	}
	if !c.mu.TryLock() {
		t.Fatal("the collector's lock is held while a file's open blocks")
	}
	c.mu.Unlock()

	code, body = scrapeWithin(t, srv)
	if code != http.StatusOK || strings.Count(body, "licensepolicy_device_info{") != 2 || !strings.HasSuffix(errorsOf(body), " 2") {
		t.Errorf("second scrape, the hung read still out: %d\n%s", code, body)
	}
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body = scrapeWithin(t, srv)
		if strings.Count(body, "licensepolicy_device_info{") == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the released capture is never read:\n%s", body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBudgetsRefuseAFileAndReadTheRest: a capture that would take a read
// past its features (or bytes) is a read error naming the bound; the
// captures before and after it are exported.
func TestBudgetsRefuseAFileAndReadTheRest(t *testing.T) {
	dir := t.TempDir()
	// b holds a row more than a and c: 4 features, 27 bytes more.
	bigger := strings.Replace(edgeCapture, "  idp-sig", "  appid-sig 0 1 0 permanent\n  idp-sig", 1)
	for name, text := range map[string]string{"a-edge.txt": edgeCapture, "b-edge.txt": bigger, "c-edge.txt": edgeCapture} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, cfg := range []Config{
		{Paths: []string{dir}, MaxFeatures: 6},
		{Paths: []string{dir}, MaxBytes: int64(2*len(edgeCapture) + 10)},
	} {
		var logged strings.Builder
		c := NewCollector(cfg, fixed(instant(t, "2025-02-10T00:00:00Z")), slog.New(slog.NewTextHandler(&logged, nil)))
		if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 2 {
			t.Errorf("%+v: %d devices, want a-edge and c-edge", cfg, n)
		}
		if !strings.Contains(logged.String(), "b-edge.txt") || !strings.Contains(logged.String(), "past the") {
			t.Errorf("%+v: logged %s", cfg, logged.String())
		}
	}
}
