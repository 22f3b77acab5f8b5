package spam

import (
	"strings"
	"testing"
)

func TestRules_Judge(t *testing.T) {
	block := Blocklist{
		Words:  []string{"Bitcoin", " "},
		IPs:    []string{"192.0.2.7", "198.51.100.0/24", "2001:db8::/32", "bogus"},
		Emails: []string{"bad@example.com", "@spam.example"},
	}
	rules := DefaultRules()
	rules.Blocklist = block
	plain := Submission{Name: "Ann", Email: "ann@example.org", Text: "Nice piece, thanks.", IP: "203.0.113.5"}
	with := func(f func(*Submission)) Submission { s := plain; f(&s); return s }
	tests := []struct {
		name string
		mode Mode
		s    Submission
		want Decision
	}{
		{"plain", HoldFirstTime, plain, Approve},
		{"first time held", HoldFirstTime, with(func(s *Submission) { s.FirstTime = true }), Hold},
		{"first time approved", ApproveAll, with(func(s *Submission) { s.FirstTime = true }), Approve},
		{"hold all", HoldAll, plain, Hold},
		{"honeypot", ApproveAll, with(func(s *Submission) { s.Honeypot = "x" }), Spam},
		{"two links", ApproveAll, with(func(s *Submission) { s.Text = "see https://a.example and www.b.example" }), Approve},
		{"three links", ApproveAll, with(func(s *Submission) { s.Text = "http://a.example http://b.example http://c.example" }), Hold},
		{"blocked word", ApproveAll, with(func(s *Submission) { s.Text = "My BITCOIN tip" }), Hold},
		{"blocked word in website", ApproveAll, with(func(s *Submission) { s.Website = "https://bitcoin.example" }), Hold},
		{"blocked ip", ApproveAll, with(func(s *Submission) { s.IP = "192.0.2.7" }), Hold},
		{"blocked ip prefix", ApproveAll, with(func(s *Submission) { s.IP = "198.51.100.200" }), Hold},
		{"blocked ipv4-mapped", ApproveAll, with(func(s *Submission) { s.IP = "::ffff:192.0.2.7" }), Hold},
		{"blocked ipv6 prefix", ApproveAll, with(func(s *Submission) { s.IP = "2001:db8::1" }), Hold},
		{"bad ip ignored", ApproveAll, with(func(s *Submission) { s.IP = "nonsense" }), Approve},
		{"blocked email", ApproveAll, with(func(s *Submission) { s.Email = "Bad@Example.com" }), Hold},
		{"blocked domain", ApproveAll, with(func(s *Submission) { s.Email = "x@spam.example" }), Hold},
		{"phrase", ApproveAll, with(func(s *Submission) { s.Text = "Click here for a casino bonus" }), Hold},
		{"spam score", ApproveAll, with(func(s *Submission) {
			s.Name = "http://cheap.example"
			s.Text = "BUY NOW!!!!!!! VIAGRA AND CASINO AT http://x.example"
		}), Spam},
		{"all caps alone", ApproveAll, with(func(s *Submission) { s.Text = "THIS IS A GREAT ARTICLE, WELL DONE" }), Approve},
		{"all caps and repeats", ApproveAll, with(func(s *Submission) { s.Text = "THIS IS A GREAT ARTICLE, READ IT!!!!!!!!" }), Hold},
		{"russian", ApproveAll, with(func(s *Submission) { s.Text = "Спасибо за статью" }), Approve},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rules
			r.Mode = tt.mode
			got := r.Judge(tt.s)
			if got.Decision != tt.want {
				t.Errorf("Judge = %v (score %d, %v), want %v", got.Decision, got.Score, got.Reasons, tt.want)
			}
			if got.Decision != Approve && tt.mode == ApproveAll && len(got.Reasons) == 0 {
				t.Errorf("Judge = %v with no reason", got.Decision)
			}
		})
	}
}

func TestDecision_String(t *testing.T) {
	for d, want := range map[Decision]string{Approve: "approved", Hold: "pending", Spam: "spam"} {
		if got := d.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(d), got, want)
		}
	}
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		s              string
		caps, repeated bool
	}{
		{"hello", false, false},
		{"SHORT CAPS", false, false},
		{"ALL CAPITALS IN A LONG LINE", true, false},
		{"Mostly Lower Case Words In Title Form", false, false},
		{"sooooooo good", false, true},
		{"wait......", false, true},
		{"a      b", false, false},
		{"ЗАГЛАВНЫЕ БУКВЫ ВО ВСЁМ ТЕКСТЕ", true, false},
	}
	for _, tt := range tests {
		if got := allCaps(tt.s); got != tt.caps {
			t.Errorf("allCaps(%q) = %v, want %v", tt.s, got, tt.caps)
		}
		if got := repeats(tt.s, 6); got != tt.repeated {
			t.Errorf("repeats(%q) = %v, want %v", tt.s, got, tt.repeated)
		}
	}
}

func FuzzRules_Judge(f *testing.F) {
	f.Add("Ann", "ann@example.org", "", "Nice piece.", "203.0.113.5")
	f.Add("http://x", "a@spam.example", "https://bitcoin.example", "BUY NOW!!!!!!!", "::ffff:192.0.2.7")
	rules := DefaultRules()
	rules.Blocklist = Blocklist{Words: []string{"bitcoin"}, IPs: []string{"192.0.2.0/24"}, Emails: []string{"@spam.example"}}
	f.Fuzz(func(t *testing.T, name, email, website, text, ip string) {
		s := Submission{Name: name, Email: email, Website: website, Text: text, IP: ip}
		v := rules.Judge(s)
		if v.Decision < Approve || v.Decision > Spam || v.Score < 0 {
			t.Fatalf("Judge(%+v) = %+v", s, v)
		}
		if v.Decision != Approve && len(v.Reasons) == 0 && !s.FirstTime {
			t.Errorf("Judge(%+v) = %v with no reason", s, v.Decision)
		}
		if strings.Contains(text, "bitcoin") && v.Decision == Approve {
			t.Errorf("Judge(%+v) approved a blocked word", s)
		}
	})
}
