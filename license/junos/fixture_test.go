package junos

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sharedFixtures is where the captures live in the shared tree; the tests
// use the copies in testdata when it is absent.
const sharedFixtures = "../../../shared/fixtures/junos"

var fixtureNames = []string{
	"vsrx-subscription.txt", "vsrx-trial.txt", "vmx-eval.txt",
	"vsrx-eval-countdown.txt", "license-usage-summary-1.xml", "license-usage-summary-2.xml",
}

// newerFixtureNames are the captures of newer releases, read where the
// shared tree holds them (no copy here).
var newerFixtureNames = []string{
	"newer/csrx-23.2-commercial-multifeature.txt", "newer/crpd-trial-sku-redacted.txt", "newer/vsrx-24.4-demolab-summary.xml",
}

// readFixtureIfPresent reads a capture from the shared tree, else from its
// copy in testdata; false when neither holds it.
func readFixtureIfPresent(t testing.TB, name string) ([]byte, bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedFixtures, name))
	if err != nil {
		b, err = os.ReadFile(filepath.Join("testdata", name))
	}
	return b, err == nil
}

// readNewerFixture reads a capture of newer/ from the shared tree, skipping
// the test where the tree is absent.
func readNewerFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedFixtures, name))
	if err != nil {
		t.Skipf("shared fixture %s absent: %v", name, err)
	}
	return b
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedFixtures, name))
	if err != nil {
		b, err = os.ReadFile(filepath.Join("testdata", name))
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseFixture(t testing.TB, name string) Report {
	t.Helper()
	r, err := Parse(bytes.NewReader(readFixture(t, name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func TestTestdataCopiesMatchSharedFixtures(t *testing.T) {
	if _, err := os.Stat(sharedFixtures); err != nil {
		t.Skip("shared fixtures absent")
	}
	shared, _ := filepath.Glob(filepath.Join(sharedFixtures, "*.*"))
	for _, p := range shared {
		if filepath.Ext(p) == ".md" {
			continue
		}
		name := filepath.Base(p)
		if !slices.Contains(fixtureNames, name) {
			t.Errorf("fixture %s has no test here", name)
		}
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("testdata/%s differs from %s", name, p)
		}
	}
}

// TestFixturesParseToPinnedReports pins each parsed report in
// testdata/<fixture>.report.json (regenerate with -update).
func TestFixturesParseToPinnedReports(t *testing.T) {
	for _, name := range fixtureNames {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(parseFixture(t, name), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".report.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), string(got)+"\n"); d != "" {
				t.Errorf("report differs from %s (-want +got):\n%s", golden, d)
			}
		})
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is a feature's expected standing at an instant.
type want struct {
	feature string
	kind    license.Kind
	state   license.State
	allowed bool
	rules   string // the rule IDs, space-separated
	until   string // RFC 3339; empty for good
}

func checkAt(t *testing.T, a Assessment, ws []want) {
	t.Helper()
	for _, w := range ws {
		i := slices.IndexFunc(a.Features, func(f FeatureReport) bool { return f.Name == w.feature })
		if i < 0 {
			t.Errorf("%s: feature %q missing", a.At.Format(time.RFC3339), w.feature)
			continue
		}
		f := a.Features[i]
		var until time.Time
		if w.until != "" {
			until = at(w.until)
		}
		if f.Kind != w.kind || f.Standing.State != w.state || f.Decision.Allowed != w.allowed ||
			ruleNames(f.Decision.Rules.IDs()) != w.rules || !f.Decision.Until.Equal(until) {
			t.Errorf("%s %q: got kind %v state %v allowed %v rules %v until %v; want %v %v %v %v %v",
				a.At.Format(time.RFC3339), w.feature, f.Kind, f.Standing.State, f.Decision.Allowed, f.Decision.Rules.IDs(),
				f.Decision.Until, w.kind, w.state, w.allowed, w.rules, until)
		}
	}
	if len(a.Features) != len(ws) {
		t.Errorf("%d features, want %d", len(a.Features), len(ws))
	}
}

var (
	perp       = "LIC-PERP-TERM"
	subTerm    = "LIC-SUB-TERM"
	subExpired = "LIC-SUB-EXPIRY LIC-RENEW"
	trialOK    = "LIC-KIND"
	trialWarn  = "LIC-TRIAL-WARN"
	trialGone  = "LIC-TRIAL-EXPIRY"
)

func ruleNames(ids []rule.ID) string {
	var s []string
	for _, id := range ids {
		s = append(s, id.String())
	}
	return strings.Join(s, " ")
}

func facts(t *testing.T, name string, o Options) Facts {
	t.Helper()
	f, err := parseFixture(t, name).Facts(o)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// "Virtual Appliance  1  1  0  2021-10-18 00:00:00 UTC" and
// "date-based, 2018-10-18 00:00:00 UTC - 2021-10-18 00:00:00 UTC": the end
// the device enforces (LIC-SUB-TERM, then LIC-SUB-EXPIRY at that instant,
// with no order grace added); "logical-system  0  3  0  permanent":
// perpetual (LIC-PERP-TERM).
func TestVSRXSubscriptionFixture(t *testing.T) {
	f := facts(t, "vsrx-subscription.txt", Options{})
	if f.Platform != "vSRX" || len(f.Discrepancies) != 0 {
		t.Fatalf("platform %q, discrepancies %v", f.Platform, f.Discrepancies)
	}
	checkAt(t, f.At(at("2021-10-01T00:00:00Z")), []want{
		{"logical-system", license.Perpetual, license.Active, true, perp, ""},
		{"Virtual Appliance", license.Subscription, license.Active, true, subTerm, "2021-10-18T00:00:00Z"},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
	})
	// At the printed end the device stops: no ENT-GRACE on a device key.
	checkAt(t, f.At(at("2021-10-18T00:00:00Z")), []want{
		{"logical-system", license.Perpetual, license.Active, true, perp, ""},
		{"Virtual Appliance", license.Subscription, license.Expired, false, subExpired, ""},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
	})
	// One nanosecond before the printed end it is still within its term.
	a := f.At(at("2021-10-18T00:00:00Z").Add(-1))
	if a.Features[1].Standing.State != license.Active {
		t.Errorf("1ns before the end: %v", a.Features[1].Standing.State)
	}
}

// "Order Type: trial" with "date-based, 2022-10-13 01:10:42 UTC -
// 2022-12-12 01:10:42 UTC": a trial with those dates; "VCPU Scale" is in two
// keys (E20210617001 and E20210617002) with the same dates.
func TestVSRXTrialFixture(t *testing.T) {
	f := facts(t, "vsrx-trial.txt", Options{})
	if f.Platform != "vSRX" || len(f.Discrepancies) != 0 {
		t.Fatalf("platform %q, discrepancies %v", f.Platform, f.Discrepancies)
	}
	if n := len(f.Features[3].Licenses); f.Features[3].Name != "VCPU Scale" || n != 2 {
		t.Fatalf("VCPU Scale has %d licenses", n)
	}
	checkAt(t, f.At(at("2022-10-17T12:01:07Z")), []want{
		{"Virtual Appliance", license.Trial, license.Active, true, trialOK, "2022-11-12T01:10:42Z"},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
		{"remote-access-juniper-std", license.Perpetual, license.Active, true, perp, ""},
		{"VCPU Scale", license.Trial, license.Active, true, trialOK, "2022-11-12T01:10:42Z"},
	})
	// LIC-TRIAL-WARN: thirty days before the end, alarms are due.
	warn := f.At(at("2022-11-12T01:10:42Z"))
	checkAt(t, warn, []want{
		{"Virtual Appliance", license.Trial, license.InWarning, true, trialWarn, "2022-12-12T01:10:42Z"},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
		{"remote-access-juniper-std", license.Perpetual, license.Active, true, perp, ""},
		{"VCPU Scale", license.Trial, license.InWarning, true, trialWarn, "2022-12-12T01:10:42Z"},
	})
	if obs := warn.Features[0].Decision.Obligations.Slice(); len(obs) != 3 || obs[0].Kind != rule.Alarm {
		t.Errorf("warning obligations %v", obs)
	}
	checkAt(t, f.At(at("2022-12-12T01:10:42Z")), []want{
		{"Virtual Appliance", license.Trial, license.Expired, false, trialGone, ""},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
		{"remote-access-juniper-std", license.Perpetual, license.Active, true, perp, ""},
		{"VCPU Scale", license.Trial, license.Expired, false, trialGone, ""},
	})
}

// "VMX-BANDWIDTH  50  50  0  59 days" and "count-down, Original validity: 60
// days": trials ending 59 (or 60) days after the capture; "scale-subscriber
// 0  10  0  permanent": perpetual. The key's features vmx-bandwidth-50m and
// vmx-feature-premium are SKUs granting VMX-BANDWIDTH and VMX-SCALE: the
// usage rows follow the key, and no row of the key's own is a discrepancy.
func TestVMXEvalFixture(t *testing.T) {
	captured := at("2017-03-12T12:00:00Z")
	f := facts(t, "vmx-eval.txt", Options{CapturedAt: captured})
	if f.Platform != "vMX" || len(f.Discrepancies) != 0 || len(f.Features) != 17 {
		t.Fatalf("platform %q, discrepancies %v, %d features", f.Platform, f.Discrepancies, len(f.Features))
	}
	for i, key := range map[int]string{3: "E421992502/vmx-bandwidth-50m", 4: "E421992502/vmx-feature-premium"} {
		if got := f.At(captured).Features[i]; got.License != key || len(got.Grants) != 1 {
			t.Errorf("%s follows %s, granted by %v; want the key's %s", got.Name, got.License, got.Grants, key)
		}
	}
	end59, end60 := "2017-05-10T12:00:00Z", "2017-05-11T12:00:00Z"
	warn59, warn60 := "2017-04-10T12:00:00Z", "2017-04-11T12:00:00Z"
	inside := []want{
		{"scale-subscriber", license.Perpetual, license.Active, true, perp, ""},
		{"scale-l2tp", license.Perpetual, license.Active, true, perp, ""},
		{"scale-mobile-ip", license.Perpetual, license.Active, true, perp, ""},
		{"VMX-BANDWIDTH", license.Trial, license.Active, true, trialOK, warn59},
		{"VMX-SCALE", license.Trial, license.Active, true, trialOK, warn59},
	}
	after := []want{
		{"scale-subscriber", license.Perpetual, license.Active, true, perp, ""},
		{"scale-l2tp", license.Perpetual, license.Active, true, perp, ""},
		{"scale-mobile-ip", license.Perpetual, license.Active, true, perp, ""},
		{"VMX-BANDWIDTH", license.Trial, license.Expired, false, trialGone, ""},
		{"VMX-SCALE", license.Trial, license.Expired, false, trialGone, ""},
	}
	for _, name := range []string{"vmx-subscriber-accounting", "vmx-subscriber-authentication",
		"vmx-subscriber-address-assignment", "vmx-service-dc", "vmx-service-accounting",
		"vmx-subscriber-secure-policy", "vmx-pcrf-subscriber-provisioning", "vmx-ocs-charging",
		"vmx-nasreq-auth-authorization", "vmx-service-qos", "vmx-service-ancp", "vmx-service-cbsp"} {
		inside = append(inside, want{name, license.Trial, license.Active, true, trialOK, warn60})
		after = append(after, want{name, license.Trial, license.Expired, false, trialGone, ""})
	}
	checkAt(t, f.At(captured), inside)
	checkAt(t, f.At(at(end60)), after)
	// One nanosecond before its end, VMX-BANDWIDTH still warns.
	if s := f.At(at(end59).Add(-1)).Features[3].Standing.State; s != license.InWarning {
		t.Errorf("VMX-BANDWIDTH 1ns before its end: %v", s)
	}
}

// "Virtual Appliance  1  1  0  permanent" in the usage table but
// "count-down, Original validity: 60 days" in the key with a blank
// "License identifier:": the key decides, the mismatch is reported.
func TestVSRXEvalCountdownFixture(t *testing.T) {
	captured := at("2020-01-01T00:00:00Z")
	f := facts(t, "vsrx-eval-countdown.txt", Options{CapturedAt: captured})
	wantD := []Discrepancy{{Feature: "Virtual Appliance", Msg: "the usage table says permanent, the installed key says count-down"}}
	if d := cmp.Diff(wantD, f.Discrepancies); d != "" {
		t.Fatal(d)
	}
	if id := f.Features[0].Licenses[0].ID(); id != "key-1/Virtual Appliance" {
		t.Errorf("blank identifier gives ID %q", id)
	}
	a := f.At(captured)
	checkAt(t, a, []want{
		{"Virtual Appliance", license.Trial, license.Active, true, trialOK, "2020-01-31T00:00:00Z"},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
	})
	if w := a.Features[0].Warnings; len(w) != 1 || w[0] != wantD[0].Msg {
		t.Errorf("warnings %v", w)
	}
	checkAt(t, f.At(at("2020-03-01T00:00:00Z")), []want{
		{"Virtual Appliance", license.Trial, license.Expired, false, trialGone, ""},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
	})
}

// `<end-date junos:seconds="1545696000">2018-12-25</end-date>`: a window
// ending 2018-12-25 (no start given); `<validity-type>permanent`: perpetual;
// `<remaining-validity-value junos:seconds="2572880">29 days`: a trial
// ending 2572880s after the capture. File 2 has no seconds: 29 whole days.
func TestLicenseUsageSummaryFixtures(t *testing.T) {
	captured := at("2018-11-26T00:00:00Z")
	for name, vaEnd := range map[string]time.Time{
		"license-usage-summary-1.xml": captured.Add(2572880 * time.Second),
		"license-usage-summary-2.xml": captured.Add(29 * 24 * time.Hour),
	} {
		t.Run(name, func(t *testing.T) {
			f := facts(t, name, Options{CapturedAt: captured})
			if f.Platform != "vSRX" || len(f.Discrepancies) != 0 {
				t.Fatalf("platform %q, discrepancies %v", f.Platform, f.Discrepancies)
			}
			checkAt(t, f.At(captured), []want{
				{"idp-sig", license.Subscription, license.Active, true, subTerm, "2018-12-25T00:00:00Z"},
				{"appid-sig", license.Subscription, license.Active, true, subTerm, "2018-12-25T00:00:00Z"},
				{"logical-system", license.Perpetual, license.Active, true, perp, ""},
				{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
				{"Virtual Appliance", license.Trial, license.InWarning, true, trialWarn, vaEnd.Format(time.RFC3339)},
			})
			checkAt(t, f.At(vaEnd), []want{
				{"idp-sig", license.Subscription, license.Expired, false, subExpired, ""},
				{"appid-sig", license.Subscription, license.Expired, false, subExpired, ""},
				{"logical-system", license.Perpetual, license.Active, true, perp, ""},
				{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, perp, ""},
				{"Virtual Appliance", license.Trial, license.Expired, false, trialGone, ""},
			})
		})
	}
}
