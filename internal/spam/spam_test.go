package spam

import (
	"slices"
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
			if got.Decision != Approve && len(got.Reasons) == 0 {
				t.Errorf("Judge = %v with no reason", got.Decision)
			}
		})
	}
}

// TestRules_Judge_Reasons checks the reasons a moderator reads: one for
// each rule that matched, the mode's when it holds, and never the
// commenter's email or IP address.
func TestRules_Judge_Reasons(t *testing.T) {
	rules := DefaultRules()
	rules.Blocklist = Blocklist{
		Words: []string{"Bitcoin"}, IPs: []string{"192.0.2.0/24"}, Emails: []string{"bad@example.com", "@spam.example"},
	}
	plain := Submission{Name: "Ann", Email: "ann@example.org", Text: "Nice piece, thanks.", IP: "203.0.113.5"}
	with := func(f func(*Submission)) Submission { s := plain; f(&s); return s }
	tests := []struct {
		name string
		mode Mode
		s    Submission
		want []string
	}{
		{"approved has none", HoldFirstTime, plain, nil},
		{"first time", HoldFirstTime, with(func(s *Submission) { s.FirstTime = true }), []string{ReasonFirstTime}},
		{"hold all", HoldAll, plain, []string{ReasonHoldAll}},
		{"weak signals are no reason", HoldFirstTime, with(func(s *Submission) { s.Text, s.FirstTime = "See https://a.example", true }),
			[]string{ReasonFirstTime}},
		{"honeypot", HoldAll, with(func(s *Submission) { s.Honeypot = "x" }), []string{ReasonHoneypot}},
		{"too many links and first time", HoldFirstTime, with(func(s *Submission) {
			s.Text, s.FirstTime = "http://a.example http://b.example http://c.example", true
		}), []string{"links (3)", "too many links (3, at most 2)", ReasonFirstTime}},
		{"blocked word", ApproveAll, with(func(s *Submission) { s.Text = "My BITCOIN tip" }), []string{"blocked word “bitcoin”"}},
		{"blocked address", ApproveAll, with(func(s *Submission) { s.IP = "192.0.2.7" }), []string{"blocked address"}},
		{"blocked email address", ApproveAll, with(func(s *Submission) { s.Email = "Bad@Example.com" }), []string{"blocked email address"}},
		{"blocked email domain", ApproveAll, with(func(s *Submission) { s.Email = "x@spam.example" }), []string{"blocked email domain"}},
		{"held by score", ApproveAll, with(func(s *Submission) { s.Text = "Click here, it is great" }),
			[]string{"spam phrase “click here”", "spam score 3 (held from 3)"}},
		{"spam by score", HoldAll, with(func(s *Submission) {
			s.Name = "http://cheap.example"
			s.Text = "BUY NOW!!!!!!! VIAGRA AT http://x.example"
		}), []string{"links (1)", "link in name", "spam phrase “buy now”", "spam phrase “viagra”",
			"repeated characters", "spam score 11 (spam from 8)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rules
			r.Mode = tt.mode
			got := r.Judge(tt.s).Reasons
			if !slices.Equal(got, tt.want) {
				t.Errorf("Reasons = %q, want %q", got, tt.want)
			}
			for _, reason := range got {
				if strings.Contains(reason, tt.s.Email) || strings.Contains(reason, tt.s.IP) {
					t.Errorf("reason %q quotes the email or IP address", reason)
				}
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
		if v.Decision != Approve && len(v.Reasons) == 0 {
			t.Errorf("Judge(%+v) = %v with no reason", s, v.Decision)
		}
		if strings.Contains(text, "bitcoin") && v.Decision == Approve {
			t.Errorf("Judge(%+v) approved a blocked word", s)
		}
	})
}
