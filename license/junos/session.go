package junos

import (
	"strings"
)

// session is what a text capture holds beside its license output: whether
// the device output is commented, as oxidized and RANCID store it, and what
// show version and show chassis hardware have said so far.
type session struct {
	decided   bool // commented is decided, by the first line not blank
	commented bool
	// inventory follows show chassis hardware: 1 after its title, 2 in its
	// items after the column header, whose columns are serialCol and
	// descCol, up to a blank line.
	inventory          uint8
	serialCol, descCol int
}

// uncomment returns the device output a line holds, and false for a line
// that holds none. A file whose first line not blank begins with "#" is a
// collection's (oxidized and RANCID write device output as "# " and the
// line): its lines that are not "#" or "# ..." (configuration, "## Last
// commit", "#RANCID-CONTENT-TYPE") are the collection's own.
func (s *session) uncomment(body string) (string, bool) {
	if !s.decided {
		if strings.TrimSpace(body) == "" {
			return body, true
		}
		s.decided, s.commented = true, strings.HasPrefix(body, "#")
	}
	if !s.commented {
		return body, true
	}
	switch {
	case body == "#":
		return "", true
	case strings.HasPrefix(body, "# "):
		return body[2:], true
	}
	return "", strings.TrimSpace(body) == ""
}

// boundary reports whether line ends the output it interrupts: a prompt or
// a command echoed, a Junos banner or login banner, a routing engine's or
// member's heading, show version, show chassis hardware, or the key
// strings of show system license keys. Inside the usage table only lines
// no row can be are.
func (t *textReader) boundary(line string) bool {
	switch {
	case line == "":
		return false
	case prompt(line), banner(line), echoed(line), heading(line),
		line == "Hardware inventory:", strings.HasPrefix(line, "Last login: "), strings.HasPrefix(line, "--- JUNOS "),
		strings.HasPrefix(line, "Hostname:"), strings.HasPrefix(line, "Model:"):
		return true
	}
	// A usage row without an expiry is words and numbers, as a key string.
	return t.st != stRows && keyString(line)
}

// leave ends the license output at line n where a boundary or a
// collection's own line interrupts it, refusing it where it is cut short:
// inside the usage table's header or before a feature's validity.
func (t *textReader) leave(n int) error {
	switch t.st {
	case stHeader1, stHeader2:
		return lineErr(n, "the usage table has no header")
	case stFeatureValidity:
		return lineErr(n, "feature %s has no validity line", quoted(t.lastFeature().Name))
	case stOther:
		return nil
	}
	t.st, t.inventory = stOther, 0
	return nil
}

// other reads a line of another command's output: a license section or
// show system uptime's "Current time:" starts, show version's host name and
// model and show chassis hardware's chassis line are kept, the rest is
// skipped.
func (t *textReader) other(n int, line string) error {
	if done, err := t.section(n, line); done || err != nil {
		return err
	}
	hw := &t.rep.Hardware
	switch inv := t.inventory; {
	case line == "Hardware inventory:":
		t.inventory = 1
		return nil
	case inv == 1:
		t.inventory = 0
		s, d := strings.Index(line, "Serial number"), strings.Index(line, "Description")
		if strings.HasPrefix(line, "Item") && s > 0 && d > s {
			t.inventory, t.serialCol, t.descCol = 2, s, d
		}
		return nil
	case inv == 2 && line == "":
		t.inventory = 0
		return nil
	case inv == 2:
		switch f := strings.Fields(line); {
		case f[0] == "Chassis" && hw.Chassis.Name == "":
			return t.chassis(n, line, f)
		case strings.HasPrefix(line, "Routing Engine") && hw.Engine.Name == "":
			return t.engine(n, line, f)
		}
	}
	if v, ok := strings.CutPrefix(line, "Hostname:"); ok && hw.Hostname == "" {
		v = strings.TrimSpace(v)
		if p := valueProblem(v); p != "" {
			return lineErr(n, "the host name %s %s", quoted(v), p)
		}
		hw.Hostname = strings.Clone(v)
	}
	if v, ok := strings.CutPrefix(line, "Model:"); ok {
		return t.model(n, strings.TrimSpace(v))
	}
	return nil
}

// model keeps a model show version names, once.
func (t *textReader) model(n int, v string) error {
	if v == "" {
		return nil
	}
	if p := valueProblem(v); p != "" {
		return lineErr(n, "the model %s %s", quoted(v), p)
	}
	for _, m := range t.rep.Hardware.Models {
		if strings.EqualFold(m.Name, v) {
			return nil
		}
	}
	if err := t.count(n); err != nil {
		return err
	}
	t.rep.Hardware.Models = append(t.rep.Hardware.Models, Model{Name: strings.Clone(v), Line: n})
	return nil
}

// chassis reads the chassis line of show chassis hardware by its header's
// columns ("Serial number", "Description"), else as "Chassis SERIAL MODEL".
// Its description's model is the bracketed one where it gives one
// ("JNP204 [MX204]"), else its first word.
func (t *textReader) chassis(n int, line string, f []string) error {
	var serial, desc string
	switch {
	case len(line) > t.descCol && line[t.descCol-1] == ' ' && line[t.descCol] != ' ':
		desc = line[t.descCol:]
		if sf := strings.Fields(line[t.serialCol:t.descCol]); len(sf) == 1 {
			serial = sf[0]
		}
	case len(f) == 3:
		serial, desc = f[1], f[2]
	default:
		return nil
	}
	name := chassisModel(desc)
	if name == "" {
		return nil
	}
	for _, v := range []string{name, serial} {
		if p := valueProblem(v); p != "" {
			return lineErr(n, "the chassis line's %s %s", quoted(v), p)
		}
	}
	hw := &t.rep.Hardware
	hw.Chassis, hw.Serial = Model{Name: strings.Clone(name), Line: n}, strings.Clone(serial)
	return nil
}

// engine keeps the model the first routing engine line names
// ("RE-QFX5120-48Y-8C"), read by the header's column "Description", else
// as the line's last word.
func (t *textReader) engine(n int, line string, f []string) error {
	desc := f[len(f)-1]
	if len(line) > t.descCol && line[t.descCol-1] == ' ' && line[t.descCol] != ' ' {
		desc = line[t.descCol:]
	}
	name := engineModel(desc)
	if name == "" {
		return nil
	}
	if p := valueProblem(name); p != "" {
		return lineErr(n, "the routing engine's %s %s", quoted(name), p)
	}
	t.rep.Hardware.Engine = Model{Name: strings.Clone(name), Line: n}
	return nil
}

// engineModel is the model a routing engine's description names: what
// follows "RE-" where it begins with a series of two letters or more
// ("SRX300" of "RE-SRX300", "PTX-X8-64G"), or, as EX switches describe
// their members' routing engines, a model itself, a series and a number
// ("EX4200-48T" of "EX4200-48T, 8 POE"); "" for a description naming none
// ("RE-S-1800x4", "RE-S-X6-64G", "QFX Routing Engine", "VSRX-S").
func engineModel(desc string) string {
	w := strings.Fields(desc)
	if len(w) == 0 {
		return ""
	}
	name, ok := strings.CutPrefix(w[0], "RE-")
	letters := strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
	switch {
	case letters == 0 || letters == 1:
		return ""
	case !ok && (letters < 0 || name[letters] < '0' || name[letters] > '9'):
		return ""
	}
	return strings.TrimRight(name, ",")
}

// chassisModel is the model a chassis description names: the bracketed
// one where it gives one ("JNP204 [MX204]"), else its first word; "" when
// it names none, as a virtual chassis's "Virtual Chassis" does.
func chassisModel(desc string) string {
	if strings.HasPrefix(desc, "Virtual Chassis") {
		return ""
	}
	name := desc
	if i := strings.IndexByte(desc, '['); i >= 0 {
		if j := strings.IndexByte(desc[i:], ']'); j > 1 {
			name = desc[i+1 : i+j]
		}
	}
	w := strings.Fields(name)
	if len(w) == 0 {
		return ""
	}
	name = strings.TrimRight(w[0], ",")
	if strings.Contains(name, "[") {
		return ""
	}
	return name
}

// prompt reports whether line begins with a Junos prompt, alone or before
// the command typed: "user@host>", "host#" (RANCID drops the user),
// "root@host:RE:0%".
func prompt(line string) bool {
	word, _, _ := strings.Cut(line, " ")
	if len(word) < 2 || !strings.ContainsRune(">#%", rune(word[len(word)-1])) {
		return false
	}
	for _, r := range word[:len(word)-1] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@._:-", r)) {
			return false
		}
	}
	return true
}

// banner reports whether line is a banner Junos prints above a prompt:
// "{master:0}", "{primary:node0}", "[edit]", "[edit system]".
func banner(line string) bool {
	switch {
	case strings.HasPrefix(line, "{") && strings.HasSuffix(line, "}"):
		return !strings.ContainsAny(line, " \t")
	case line == "[edit]":
		return true
	}
	return strings.HasPrefix(line, "[edit ") && strings.HasSuffix(line, "]")
}

// echoed reports whether line is an operational command echoed without its
// prompt, as some collectors store it.
func echoed(line string) bool {
	word, _, _ := strings.Cut(line, " ")
	switch word {
	case "show", "request", "run", "monitor", "file", "start", "configure", "exit", "quit":
		return true
	}
	return false
}

// heading reports whether line heads one routing engine's, node's or
// member's output: "node0:", "fpc1:", "re0:", "member0:", "localre:".
func heading(line string) bool {
	name, ok := strings.CutSuffix(line, ":")
	switch {
	case !ok || name == "":
		return false
	case name == "localre":
		return true
	}
	last := name[len(name)-1]
	if last < '0' || last > '9' {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// keyString reports whether line is a line of show system license keys: an
// identifier and groups of key data ("E421992502 aeaqic aiagij ..."), each
// group at most 8 lower-case letters and digits, at least two of them. It
// allocates nothing: it is asked of every line a key block tolerates.
func keyString(line string) bool {
	if strings.ContainsRune(line, ':') {
		return false
	}
	words := 0
	for rest := line; ; {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return words >= 3
		}
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		word := rest[:end]
		rest = rest[end:]
		words++
		if words == 1 {
			continue
		}
		if len(word) > 8 || strings.ContainsFunc(word, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
			return false
		}
	}
}

// distilled reports whether s is what a collector prints in place of a
// count used that churns: RANCID's "--" or share of the installed count
// ("45%"), oxidized's "<count>".
func distilled(s string) bool {
	if s == "--" || s == "<count>" {
		return true
	}
	n, ok := strings.CutSuffix(s, "%")
	_, isCount := count(n)
	return ok && isCount
}

// text renders what show version and show chassis hardware said, as they
// print it, before the license output.
func (h Hardware) text(b *strings.Builder) {
	if h.Hostname != "" {
		b.WriteString("Hostname: " + h.Hostname + "\n")
	}
	for _, m := range h.Models {
		b.WriteString("Model: " + m.Name + "\n")
	}
	inventory := h.Chassis.Name != "" || h.Serial != ""
	if inventory || h.Engine.Name != "" {
		if h.Hostname != "" || len(h.Models) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Hardware inventory:\n")
		b.WriteString("Item             Version  Part number  Serial number     Description\n")
		if inventory {
			b.WriteString(strings.TrimRight("Chassis                                "+padRight(h.Serial, 18)+h.Chassis.Name, " ") + "\n")
		}
		if h.Engine.Name != "" {
			b.WriteString("Routing Engine 0          BUILTIN      BUILTIN           RE-" + h.Engine.Name + "\n")
		}
	}
	if h.Hostname != "" || len(h.Models) > 0 || inventory || h.Engine.Name != "" {
		b.WriteString("\n")
	}
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}
