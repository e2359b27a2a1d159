package junos_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

const capture = `License usage:
                               Licenses     Licenses    Licenses    Expiry
Feature name                       used    installed      needed
logical-system                        0            3           0    permanent
Virtual Appliance                     1            1           0    2021-10-18 00:00:00 UTC

Licenses installed:
License identifier: E2018101804
License version: 4
Software Serial Number: SUB00024128768
Customer ID: IBM_SL_10G
Features:
  Virtual Appliance - Virtual Appliance
    date-based, 2018-10-18 00:00:00 UTC - 2021-10-18 00:00:00 UTC
`

// Example reads a vSRX capture and asks where each feature stands on
// 2021-10-01.
func Example() {
	rep, err := junos.Parse(strings.NewReader(capture))
	if err != nil {
		fmt.Println(err)
		return
	}
	facts, err := rep.Facts(junos.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range facts.At(time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)).Features {
		fmt.Println(f.Name, f.Kind, f.Standing.State, f.Decision.Allowed, f.Decision.Rules.IDs(), f.Decision.Until.Format(time.DateOnly))
	}
	// Output:
	// logical-system perpetual active true [LIC-PERP-TERM] 0001-01-01
	// Virtual Appliance subscription active true [LIC-SUB-TERM] 2021-10-18
}

// ExampleParse_refusal shows a refusal naming the line.
func ExampleParse_refusal() {
	_, err := junos.Parse(strings.NewReader("License usage:\n  Licenses\n  Feature name\n  Virtual Appliance  one  1  0  permanent\n"))
	fmt.Println(err)
	// Output:
	// junos: line 4: "Virtual Appliance  one  1  0  permanent" is not a usage row (name, used, installed, needed, expiry): no three counts
}

// ExampleReport_Facts shows a usage table that disagrees with its key.
func ExampleReport_Facts() {
	rep, _ := junos.Parse(strings.NewReader(`License usage:
  Licenses
  Feature name
  Virtual Appliance                     1            1           0    permanent

Licenses installed:
  License identifier:
  Features:
    Virtual Appliance - Virtual Appliance
      count-down, Original validity: 60 days
`))
	captured := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	facts, _ := rep.Facts(junos.Options{CapturedAt: captured})
	fmt.Println(facts.Discrepancies[0].Msg)
	f := facts.At(captured).Features[0]
	fmt.Println(f.License, f.Kind, f.Standing.State, f.Decision.Until.Format(time.DateOnly))
	// Output:
	// the usage table says permanent, the installed key says count-down
	// key-1/Virtual Appliance trial active 2020-01-31
}

// ExampleReport_XML renders a usage table as Junos XML.
func ExampleReport_XML() {
	rep, _ := junos.Parse(strings.NewReader(`<license-usage-summary><feature-summary><name>idp-sig</name><licensed>1</licensed><end-date>2018-12-25</end-date></feature-summary></license-usage-summary>`))
	fmt.Print(rep.XML())
	// Output:
	// <license-usage-summary xmlns:junos="http://xml.juniper.net/junos/*/junos">
	//     <feature-summary>
	//         <name>idp-sig</name>
	//         <licensed>1</licensed>
	//         <used-licensed>0</used-licensed>
	//         <needed>0</needed>
	//         <end-date junos:seconds="1545696000">2018-12-25</end-date>
	//     </feature-summary>
	// </license-usage-summary>
}

// oxidized is what oxidized stores for an SRX300: show version and show
// chassis hardware beside show system license, behind "# ", then the
// configuration.
const oxidized = `# Model: srx300
# Junos: 22.4R3-S2.11
# Hardware inventory:
# Item             Version  Part number  Serial number     Description
# Chassis                                AA0000AA0000      SRX300
# License usage:
#                                  Licenses     Licenses    Licenses    Expiry
#   Feature name                       used    installed      needed
#   remote-access-ipsec-vpn-client        0            2           0    permanent
#
# Licenses installed: none
#
## Last commit: 2024-12-06 11:41:05 UTC by root
version 22.4R3-S2.11;
`

// ExampleReport_Identify reads the license output out of a collection of
// several commands and identifies the device from its model; a platform
// given that contradicts it is refused.
func ExampleReport_Identify() {
	rep, err := junos.Parse(strings.NewReader(oxidized))
	if err != nil {
		fmt.Println(err)
		return
	}
	said, err := rep.Identify(junos.Options{})
	fmt.Println(said.Platform, "by", said, err)
	fmt.Println(len(rep.Usage), "usage row; keys installed:", len(rep.Keys), rep.Keys != nil)
	_, err = rep.Facts(junos.Options{Platform: "vSRX", PlatformFrom: "-platform"})
	fmt.Println(err)
	// Output:
	// SRX by model "srx300" (line 1) <nil>
	// 1 usage row; keys installed: 0 true
	// LIC-PLATFORM: -platform says vSRX; the capture says SRX, by model "srx300" (line 1)
}

// ExampleFeatureReport_ends: a trial's answer changes when its warning
// window opens; its usability ends at the trial's end.
func ExampleFeatureReport_ends() {
	rep, err := junos.Parse(strings.NewReader(`License usage:
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed
  VMX-BANDWIDTH                        50           50           0    59 days
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	at := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	facts, err := rep.Facts(junos.Options{CapturedAt: at})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := facts.At(at).Features[0]
	fmt.Println(f.Name, "until", f.Decision.Until.Format(time.DateOnly), "ends", f.Ends.Format(time.DateOnly))
	// Output:
	// VMX-BANDWIDTH until 2021-10-30 ends 2021-11-29
}
