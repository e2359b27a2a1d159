package policy_test

import "testing"

// TestCalendarStepsAreTakenOnTheUTCDate: RULES.md LIC-SUB-TERM, "Every
// calendar step of every rule (years, months, days) is taken on the
// instant's UTC date and time; an RFC 3339 offset only names the instant
// (2028-02-29T02:00:00+05:00 is 2028-02-28T21:00:00Z, and a year later is
// 2029-02-28T21:00:00Z)." Each fact below is written with an offset that
// puts its local date on another day than its UTC one, where a step taken
// on the local date would land a day early (or count one day less).
func TestCalendarStepsAreTakenOnTheUTCDate(t *testing.T) {
	decideScenario(t, `{"name": "utc-calendar",
 "terms": {"creditValidityMonths": 1, "tmipWindowStart": "2021-01-01T00:00:00Z", "tmipWindowEnd": "2022-01-01T00:00:00Z"},
 "devices": [{"serial": "mx-1", "platform": "MX"}],
 "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1",
   "features": ["bgp"], "start": "2028-02-29T02:00:00+05:00", "termYears": 1}],
 "creditAccounts": [{"id": "psc", "kind": "professional", "purchases": [
   {"id": "po-1", "at": "2025-01-31T03:00:00+05:00", "credits": "10"},
   {"id": "po-2", "at": "2025-03-31T23:00:00-05:00", "credits": "10"}]}],
 "tradeIns": [{"id": "T1", "sku": "MX480-PREMIUM2-AC", "serial": "S1", "newProduct": "MX304",
   "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"},
   "support": {"serial": "S1", "start": "2021-01-01T02:00:00+05:00", "end": "2022-01-01T00:00:00Z", "value": "366.00"},
   "newEquipmentShipped": "2021-11-30T02:00:00+05:00"}],
 "checks": [
  {"at": "2028-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"},
   "expect": {"outcome": "allow", "rules": ["LIC-SUB-TERM"], "until": "2029-02-28T21:00:00Z"}},
  {"at": "2025-02-10T00:00:00Z", "request": {"kind": "callOff", "account": "psc", "credits": "5",
    "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}},
   "expect": {"outcome": "allow", "rules": ["CRD-VALIDITY"], "until": "2025-02-28T22:00:00Z", "values": {"balance": "5"}}},
  {"at": "2026-01-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q1"},
   "expect": {"outcome": "allow", "until": "never", "values": {"purchased": "10", "used": "0", "expired": "10", "available": "0"}}},
  {"at": "2026-01-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q2"},
   "expect": {"outcome": "allow", "until": "never", "values": {"purchased": "20", "used": "0", "expired": "20", "available": "0"}}},
  {"at": "2021-07-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"},
   "expect": {"outcome": "allow", "rules": ["TMIP-SUPPORT"], "until": "2021-07-02T00:00:00Z", "values": {"discount": "184.00"}}},
  {"at": "2021-12-01T00:00:00Z", "request": {"kind": "tradeInCompliance", "tradeIn": "T1"},
   "expect": {"outcome": "allow", "rules": ["TMIP-RETURN"], "until": "2022-02-28T21:00:00Z",
     "obligations": [{"kind": "deadline", "rule": "TMIP-RETURN", "due": "2022-02-28T21:00:00Z", "subject": "T1"}]}}]}`)
}
