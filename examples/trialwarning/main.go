// Command trialwarning follows a trial key to its end and asks where trial
// keys exist at all. The seed says that before a trial expires the "system
// generates alarms, sys logs, and warnings that the trial license is due for
// expiry" (LIC-TRIAL-WARN, here in the 30 days before its end); at expiry
// "purchase the license to continue using the software feature"
// (LIC-TRIAL-EXPIRY); "Not all features are available for trials or
// evaluation. For example, an extended license upgrade, capacity key, or VSYS
// license is not available as a temporary license key" (LIC-TRIAL-FEATURES);
// and trial keys exist for "Virtual and cloud platforms, PTX Series, QFX
// Series, EX Switches, MX Series" (LIC-TRIAL-PRODUCTS). Every answer comes
// from policy.Engine.
//
//	go run ./examples/trialwarning
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "trialwarning:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	vsrx1, err := e.NewDevice("vsrx-1", "vSRX", "")
	if err != nil {
		return err
	}
	vsrx2, err := e.NewDevice("vsrx-2", "vSRX", "")
	if err != nil {
		return err
	}
	trial, err := e.NewLicense(license.Spec{
		ID: "trial-idp", Kind: license.Trial, Tier: license.Premium, Platform: "vSRX",
		Device: vsrx1, Features: []string{"idp"}, Start: date(2025, 1, 1), End: date(2025, 4, 1),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "trial %s on %s: %s to %s, warnings from %s\n\n",
		trial.ID(), trial.Device(), walkthrough.Stamp(trial.Start()), walkthrough.Stamp(trial.End()), walkthrough.Stamp(trial.WarningFrom()))

	a := walkthrough.Asker{W: w, Engine: e}
	use := policy.UseFeature{License: trial, Device: "vsrx-1", Feature: "idp"}
	fmt.Fprintln(w, "# the trial key to its end")
	a.Ask(date(2025, 2, 1), "use idp on vsrx-1 a month into the trial", use)
	a.Ask(date(2025, 3, 2).Add(-time.Nanosecond), "use idp on vsrx-1 just before the warning window", use)
	a.Ask(date(2025, 3, 2), "use idp on vsrx-1 when the warning window opens", use)
	a.Ask(date(2025, 3, 25), "use idp on vsrx-1 a week before the end", use)
	a.Ask(date(2025, 4, 1).Add(-time.Nanosecond), "use idp on vsrx-1 at the trial's last instant", use)
	a.Ask(date(2025, 4, 1), "use idp on vsrx-1 when the trial ends", use)
	a.Ask(date(2025, 2, 1), "move the trial to vsrx-2", policy.MoveLicense{License: trial, To: vsrx2, Reason: license.Rebalance})
	a.Ask(date(2025, 3, 25), "renew the trial for 1 year", policy.RenewLicense{License: trial, TermYears: 1})

	fmt.Fprintln(w, "\n# which trial keys exist")
	for _, q := range []struct{ platform, feature string }{
		{"vSRX", "idp"},
		{"MX", "bgp"},
		{"PTX", "bgp"},
		{"vSRX", "extended-upgrade"},
		{"MX", "capacity-key"},
		{"vSRX", "vsys"},
		{"SRX", "idp"},
		{"ACX", "bgp"},
		{"NFX", "idp"},
		{"Paragon Automation", "insights"},
		{"SRX", "vsys"},
	} {
		a.Ask(date(2025, 2, 1), fmt.Sprintf("is there a trial key of %s on %s", q.feature, q.platform),
			policy.TrialAvailable{Platform: q.platform, Feature: q.feature})
	}
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
