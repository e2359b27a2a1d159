package junos

import (
	"strings"
	"testing"
)

// TestDocumentsOfASessionAreOneCapture: a file of show version's, show
// chassis hardware's and show system license's replies one after another,
// as a session of "| display xml" or "| display json" prints them (prompts
// and banners between) or a collector stores them, is one capture: the
// license reply's, its device named by the others. What else may stand in
// such a file is refused naming the line: a second license reply, another
// command's reply, text that is no session's.
func TestDocumentsOfASessionAreOneCapture(t *testing.T) {
	sw := `<rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R0/junos"><software-information><host-name>r1</host-name><product-model>mx480</product-model></software-information><cli><banner></banner></cli></rpc-reply>`
	lic := `<rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R0/junos"><license-usage-summary><feature-summary><name>scale-subscriber</name><licensed>10</licensed><used-licensed>0</used-licensed><needed>0</needed><validity-type>permanent</validity-type></feature-summary></license-usage-summary></rpc-reply>`
	jsw := `{"software-information":[{"host-name":[{"data":"r1"}],"product-model":[{"data":"mx480"}]}]}`
	jlic := `{"license-usage-summary":[{"feature-summary":[{"name":[{"data":"scale-subscriber"}],"licensed":[{"data":"10"}],"used-licensed":[{"data":"0"}],"needed":[{"data":"0"}],"validity-type":[{"data":"permanent"}]}]}]}`
	for _, c := range []struct{ name, in string }{
		{"XML replies, one after another", sw + "\n" + lic},
		{"XML replies on one line", sw + lic},
		{"an XML session", "root@r1> show version | display xml\n" + sw + "\n\n{master:0}\nroot@r1> show system license | display xml \n" + lic + "\n\n{master:0}\nroot@r1>\n"},
		{"the license reply first", lic + "\n" + sw},
		{"JSON documents, one after another", jsw + "\n" + jlic},
		{"JSON documents on one line", jsw + jlic},
		{"a JSON session", "root@r1> show version | display json\n" + jsw + "\n\n{master:0}\nroot@r1> show system license | display json\n" + jlic + "\n{master:0}\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			e, err := r.Identify(Options{})
			if err != nil || e.Platform != "MX" || r.Hardware.Hostname != "r1" || len(r.Usage) != 1 || r.Usage[0].Name != "scale-subscriber" {
				t.Errorf("platform %q (%v), host %q, usage %+v", e.Platform, err, r.Hardware.Hostname, r.Usage)
			}
		})
	}
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"two XML license replies", sw + "\n" + lic + "\n" + lic, 3, "a second capture (<rpc-reply>"},
		{"another command's XML reply", lic + "\n<rpc-reply><interface-information/></rpc-reply>\n<html/>", 3, "a second capture (<html>)"},
		{"XML text no session prints", sw + "\nsome notes\n" + lic, 2, `text "some notes" outside any element`},
		{"two JSON license documents", jsw + "\n" + jlic + "\n" + jlic, 3, "a second capture"},
		{"another command's JSON document", jlic + "\n" + `{"interface-information":[{}]}`, 2, "a second capture"},
		{"JSON text no session prints", jsw + "\nsome notes\n" + jlic, 2, `text "some notes" after the JSON`},
		{"JSON text after a document on its line", jsw + " trailing\n" + jlic, 1, `text "trailing" after the JSON`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.in))
			wantLineErr(t, err, c.line, c.msg)
		})
	}
}
