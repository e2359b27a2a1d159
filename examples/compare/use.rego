# The feature-use rule of licensepolicy (license.License.Use), in Rego.
# input: {"device", "feature", "at",
#         "license": {"kind", "device", "features", "start", "term_end", "end", "warn_from"}}
# Instants are Unix nanoseconds. The answer is {"allow": bool, "rules": set of rule IDs}.
package licensepolicy.use

lic := input.license

wrong_device if input.device != lic.device

missing_feature if not input.feature in lic.features

refused_for_good if wrong_device

refused_for_good if missing_feature

# A use that can never be allowed names each ground and nothing else.
refusal contains "LIC-PERP-BIND" if {
	wrong_device
	lic.kind == "perpetual"
}

refusal contains "LIC-PORT" if {
	wrong_device
	lic.kind != "perpetual"
}

refusal contains "LIC-TIER" if missing_feature

# Otherwise the answer is the license's standing at input.at.
standing := {"allow": false, "rules": {"ENT-TIMER"}} if {
	input.at < lic.start
} else := {"allow": true, "rules": {"LIC-PERP-TERM"}} if {
	lic.kind == "perpetual"
} else := {"allow": true, "rules": {"LIC-SUB-TERM"}} if {
	lic.kind == "subscription"
	input.at < lic.term_end
} else := {"allow": true, "rules": {"ENT-GRACE", "LIC-SUB-TERM"}} if {
	lic.kind == "subscription"
	input.at < lic.end
} else := {"allow": false, "rules": {"LIC-SUB-EXPIRY", "LIC-RENEW"}} if {
	lic.kind == "subscription"
} else := {"allow": true, "rules": {"LIC-KIND"}} if {
	lic.kind == "trial"
	input.at < lic.warn_from
} else := {"allow": true, "rules": {"LIC-TRIAL-WARN"}} if {
	lic.kind == "trial"
	input.at < lic.end
} else := {"allow": false, "rules": {"LIC-TRIAL-EXPIRY"}} if {
	lic.kind == "trial"
} else := {"allow": false, "rules": {"LIC-KIND"}}

decision := {"allow": false, "rules": refusal} if refused_for_good

decision := standing if not refused_for_good
