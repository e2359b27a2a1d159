package junos

import (
	"bytes"
	"strings"
)

// A file of the structured forms may hold several documents, one a command,
// as a session of show version | display xml, show chassis hardware |
// display xml and show system license | display xml prints them, or as a
// collector stores the replies one after another: each an rpc-reply, or the
// reply's element alone. Only the replies of those commands may share a
// file, and one of them is license output; between them may stand what a
// session prints between commands (prompts, banners, a member's heading).

// collected reports whether a document whose root is name may share a file
// with others: show version's, show chassis hardware's, show system
// license's replies.
func collected(name string) bool {
	switch name {
	case "rpc-reply", "multi-routing-engine-results", "software-information", "chassis-inventory":
		return true
	}
	return licenseRoot(name)
}

func licenseRoot(name string) bool {
	switch name {
	case "license-summary-information", "license-usage-summary", "license-information", "license-key-information":
		return true
	}
	return false
}

// holdsLicense reports whether a document holds license output: its root,
// or an element of the replies wrapping it, is one.
func holdsLicense(n *node) bool {
	if licenseRoot(n.name) {
		return true
	}
	if n.name != "rpc-reply" && n.name != "multi-routing-engine-results" && n.name != "multi-routing-engine-item" {
		return false
	}
	for _, k := range n.kids {
		if holdsLicense(k) {
			return true
		}
	}
	return false
}

// documents joins a file's documents under one rpc-reply, which the tree
// reader reads as one reply; one document is itself.
func documents(roots []*node) *node {
	if len(roots) == 1 {
		return roots[0]
	}
	return &node{name: "rpc-reply", kids: roots, line: roots[0].line}
}

// sessionLine reports whether line (trimmed) is what a session prints
// between commands' outputs: a prompt with the command typed, a command
// echoed, a banner ("{master:0}"), a member's heading ("node0:") and the
// rule under it.
func sessionLine(line string) bool {
	switch {
	case line == "", prompt(line), echoed(line), heading(line):
		return true
	case strings.Trim(line, "-") == "":
		return true
	}
	// A one-line JSON document is no banner.
	return banner(line) && !strings.ContainsRune(line, '"')
}

// notSession returns the first line of text that is not a session line,
// trimmed, and the number of lines before it; "" when every line is one.
func notSession(text []byte) (string, int) {
	n := 0
	for more := true; more; n++ {
		var line []byte
		line, text, more = bytes.Cut(text, []byte{'\n'})
		if l := string(bytes.TrimSpace(line)); !sessionLine(l) {
			return l, n
		}
	}
	return "", n
}

// firstContent returns the first byte of b that is neither space nor in a
// session line: how Parse tells the form of a session of commands.
func firstContent(b []byte) byte {
	for len(b) > 0 {
		var line []byte
		line, b, _ = bytes.Cut(b, []byte{'\n'})
		l := bytes.TrimLeft(line, " \t\r\ufeff")
		if t := bytes.TrimSpace(l); len(t) > 0 && !sessionLine(string(t)) {
			return l[0]
		}
	}
	return 0
}
