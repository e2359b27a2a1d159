// Package junos reads what a Junos device prints for show system license,
// as CLI text, as the XML of | display xml or as the JSON of | display json
// (the form is detected), and says at an instant where each feature stands
// under the license package's rules.
//
// Parse (or ParseText, ParseXML) reads a capture from an io.Reader of at
// most MaxBytes into a Report: the "License usage" table (name, used,
// installed, needed, expiry) and the "Licenses installed" keys (identifier,
// version, order type, serial, customer ID, features with their validity).
// Report.Text and Report.XML render it back. Report.Facts turns it into
// license.License values for a device; Facts.At gives, per feature, the
// standing of the license it follows and the decision on the device's use.
//
// # What the parsers tolerate and refuse
//
// They accept column drift, names longer than their column, trailing
// spaces, lost indentation, blank key fields, CRLF line ends, unknown key
// fields ("License state: ..."), unknown XML elements and the undeclared
// junos: prefix devices print. They refuse, with a *ParseError naming the
// line, any line or root element that is not this output, a row without
// three counts, a validity they cannot read, instants not in UTC, bytes
// that are not UTF-8, and a value holding a control character (a name with
// a newline or an escape sequence could forge a line wherever it is
// printed). In the JSON form they refuse a \u escape of half a surrogate
// pair, which encoding/json would read as U+FFFD, so that two names the
// capture gives apart are never read as one.
//
// Only the seconds attribute in the Junos namespace counts, named by its
// URI (http://xml.juniper.net/junos/RELEASE/junos) or by the junos prefix
// devices leave undeclared ("junos:seconds" in the JSON form); a seconds
// attribute in any other namespace is not read. Where it is given it wins
// over the printed date or days, which must agree with it: an element
// giving seconds twice, or seconds that contradict the printed date (a
// date in the device's zone, up to 14 hours either side of UTC) or the
// printed whole days, is refused. A feature has one validity: a key's
// feature marked permanent (or count-down) beside dates is refused, as
// the usage summary refuses it.
//
// # From capture to licenses
//
//   - A permanent feature becomes a perpetual license (LIC-PERP-TERM)
//     counted from the Unix epoch: the output never says when it was
//     installed.
//   - A date-based feature of a key whose order type is "trial" becomes a
//     license.Trial with the printed start and end (LIC-TRIAL-WARN,
//     LIC-TRIAL-EXPIRY).
//   - Any other date-based feature, and a usage row that gives only an end,
//     is a Window: a device key's end is the end the device enforces, so no
//     order term (the initial grace of ENT-GRACE) is added to it. Its
//     standing is read from the dates directly, with the rule IDs the
//     license package uses for a subscription: ENT-TIMER before the start,
//     LIC-SUB-TERM within, LIC-SUB-EXPIRY and LIC-RENEW after. A usage row
//     the XML calls expired is a Window that has ended.
//   - A count-down feature becomes a trial ending at Options.CapturedAt plus
//     its remaining days (from the usage row of the same name, else its
//     original validity), started its original validity before that end.
//   - The installed keys are the licenses. A usage row that no key covers
//     and that shows licenses installed becomes a license of its own, with
//     ID "usage/<name>"; a key's license has ID "<identifier>/<feature>",
//     "key-N" standing for a blank identifier.
//   - Every license has tier standard (LIC-TIER): Junos does not print one.
//   - The platform is what the capture says (Report.Identify): show
//     version's model or show chassis hardware's chassis in the same file,
//     mapped to a platform by its series (Models: srx300 is an SRX, vmx a
//     vMX), else the prefix of a key's customer ID ("vSRX-JuniperEval"),
//     else a feature named for its platform ("cSRX", "vmx-..." for vMX,
//     "Virtual Appliance" for vSRX). Options.Platform (an inventory's, a
//     flag's) is used only where the capture says none: where it says
//     another, Facts refuses with a *PlatformConflict naming both, and a
//     capture saying two platforms is refused too, citing LIC-PLATFORM. A
//     capture that says none, given none, is refused citing LIC-PLATFORM.
//     The device serial is Options.Device, else DefaultDevice.
//   - A key feature of SKU form is the feature it grants (SKUs:
//     vmx-bandwidth-1g grants VMX-BANDWIDTH, vmx-feature-premium
//     VMX-SCALE), so it is the usage row's feature, its license the key's.
//
// # What the device output adds
//
// A feature whose row shows licenses needed is used without a license: its
// decision is refused and carries a rule.Alarm obligation (due at once, the
// zero Due) citing the closest rule: LIC-TRIAL-EXPIRY or LIC-SUB-EXPIRY when
// the license it follows has expired, LIC-SOD when a usable license is short
// of units, LIC-TIER when no license grants it. Where the usage table and
// the keys disagree (a validity, an end date, a key feature missing from the
// table, a row showing none installed) Facts lists a Discrepancy and the
// feature's warnings repeat it; the installed key decides.
//
// A feature with several licenses follows the one usable that lasts longest,
// else the one that starts soonest. Its Decision.Until is exact: the first
// instant its answer (license followed, state, rules, obligations, warnings)
// differs. Its Ends is the end of its usability: the first instant its use
// is not allowed (an expiry, the end of a grace or of a trial, whichever
// licenses it follows on the way), later than Until where a trial's
// warning window opens first.
//
// Names are matched without case and through Aliases (catalog data seeded
// with the names releases print differently); a feature has one row whatever
// the release calls it, under the name the device printed. Every key that
// grants a feature is kept (FeatureFacts.Grants, FeatureReport.Grants) with
// its SKU, count and validity.
//
// # Collections of several commands
//
// The text form is also read out of a file holding other commands' output,
// as collections store it. A prompt ("user@host> show version", "host>" as
// RANCID keeps it), a command echoed ("show chassis hardware"), a Junos
// banner ("{master:0}", "[edit]", "Last login:"), a routing engine's or
// member's heading ("node0:", "fpc0:"), show version, show chassis hardware
// and the key strings of show system license keys end the license output
// they follow; another command's output is skipped up to the next license
// section. From show version the first "Hostname:" and every "Model:", from
// show chassis hardware the chassis line (its model, "MX204" of "JNP204
// [MX204]", and serial number), are kept in Report.Hardware, as they are
// from software-information and chassis-inventory replies beside the
// license output in an rpc-reply. A file whose first line not blank
// begins with "#" is oxidized's or RANCID's: device output is "# " and the
// line, every other line (the configuration, "## Last commit") is skipped,
// and a count used that they distill ("--", "45%", "<count>") is read as
// unknown (Usage.UsedUnknown). Inside the license output every refusal
// above holds: a part cut short by the next command (a header, a feature's
// validity) is refused naming the line, and a second license output is a
// second capture. Two routing engines or members each printing their
// licenses (a cluster, a virtual chassis) are two captures: one a file.
//
// A capture's own instant, where it gives one (Report.CapturedAt: the
// "Current time:" of show system uptime in the same text, or an XML end date
// beside its remaining time), is the capture instant unless
// Options.CapturedAt says otherwise; this package invents none.
//
// # Bounds
//
// Every reader refuses input over [MaxBytes] before parsing, then makes one
// pass whose time and memory are linear in the input's size, whatever its
// layout (one line or many). A capture lists at most [MaxEntries] usage rows,
// installed keys and key features together; a line of the text form is at
// most [MaxLine] bytes and a value (a name, an identifier, an element's
// text) at most [MaxValue]; the structured forms nest at most 64 deep and
// hold at most 160,000 elements with their attributes (16 an entry), so
// that no layout takes a reader more steps. The models a capture names
// count with its rows against MaxEntries; lines of other commands are held
// to MaxLine and UTF-8 without control characters like the rest. Past a bound the reader
// refuses the capture naming the line and the bound, so a report holds
// at most a few times its capture's size. Facts and Facts.At are linear in
// the report's size: a feature has at most [MaxGrantsPerFeature] keys. Every
// instant a report holds is within the years 0000-9999, so every output
// reads back.
package junos
