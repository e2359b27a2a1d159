package license

import "github.com/licensepolicy/licensepolicy/policy/rule"

// TrialAvailable answers whether a temporary key exists for feature on
// platform. Trial keys exist only for the catalog's trial platforms (by
// default the virtual and cloud platforms and PTX, QFX, EX and MX,
// LIC-TRIAL-PRODUCTS) and only for features that have one (not an extended
// license upgrade, a capacity key or a VSYS license, LIC-TRIAL-FEATURES). A
// refusal names both rules when both fail; a platform the catalog lacks has
// no trial keys and is refused citing LIC-PLATFORM beside them. The answer
// never changes with time. The zero Program answers as a catalog that lists
// nothing.
func (p Program) TrialAvailable(platform, feature string) rule.Verdict {
	ps, ok := p.Platform(platform)
	featureOK := p.Feature(feature).Trial
	switch {
	case !ok && !featureOK:
		return rule.Verdict{Rules: rulesUnknownPlatNoFeat, Reason: "the platform is not in the catalog, so it has no trial keys, and the feature has no temporary key", Subject: platform}
	case !ok:
		// A platform the catalog does not list has no trial keys either.
		return rule.Verdict{Rules: rulesUnknownPlat, Reason: "the platform is not in the catalog, so it has no trial keys", Subject: platform}
	case !ps.HasTrials() && !featureOK:
		return rule.Verdict{Rules: rulesTrialNeither, Reason: "neither the platform nor the feature has trial keys", Subject: platform}
	case !ps.HasTrials():
		return rule.Verdict{Rules: rulesTrialProducts, Reason: "the platform has no trial keys", Subject: platform}
	case !featureOK:
		return rule.Verdict{Rules: rulesTrialFeatures, Reason: "the feature has no temporary key", Subject: platform}
	}
	return rule.Verdict{Allowed: true, Rules: rulesTrialOK, Reason: "a temporary key exists for the feature on the platform", Subject: platform}
}
