package spam

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Points each signal adds to a score.
const (
	pointsPerLink      = 1
	pointsBlockedWord  = 3
	pointsBlockedIP    = 5
	pointsBlockedEmail = 5
	pointsPhrase       = 3
	pointsAllCaps      = 2
	pointsRepeats      = 1
	pointsLinkInName   = 3
)

// spamPhrases are phrases of commercial spam, matched in lower case.
var spamPhrases = []string{
	"buy now", "click here", "casino", "viagra", "cialis", "payday loan",
	"work from home", "make money fast", "free money", "crypto investment",
	"seo services", "backlinks", "cheap replica", "earn $", "limited offer",
}

// linkPattern finds links in text: URLs, bare www. hosts and HTML anchors.
var linkPattern = regexp.MustCompile(`(?i)https?://|www\.|<a\s`)

// Blocklist holds entries that hold a comment. Words match anywhere in
// the name, email, website or text, ignoring case. IPs are addresses or
// CIDR prefixes. Emails are addresses or "@domain" suffixes, ignoring case.
type Blocklist struct {
	Words, IPs, Emails []string
}

// scored is a Verdict in the making.
type scored struct {
	Verdict
	holdRule bool // a holding rule matched: a blocklist entry, too many links
	links    int  // the links in the text
}

// add raises the score by points, giving the reason.
func (s *scored) add(points int, reason string) {
	s.Score += points
	s.Reasons = append(s.Reasons, reason)
}

// score adds up the signals of s.
func score(s Submission, b Blocklist) scored {
	v := scored{links: countLinks(s.Text)}
	if v.links > 0 {
		v.add(v.links*pointsPerLink, fmt.Sprintf("links (%d)", v.links))
	}
	if countLinks(s.Name) > 0 {
		v.add(pointsLinkInName, "link in name")
	}
	all := strings.ToLower(strings.Join([]string{s.Name, s.Email, s.Website, s.Text}, "\n"))
	for _, w := range b.Words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && strings.Contains(all, w) {
			v.add(pointsBlockedWord, "blocked word “"+w+"”")
			v.holdRule = true
		}
	}
	if blockedIP(s.IP, b.IPs) {
		v.add(pointsBlockedIP, "blocked address")
		v.holdRule = true
	}
	if reason := blockedEmail(s.Email, b.Emails); reason != "" {
		v.add(pointsBlockedEmail, reason)
		v.holdRule = true
	}
	scorePatterns(&v, s.Text)
	return v
}

// scorePatterns adds the signals of the text's shape and phrases.
func scorePatterns(v *scored, text string) {
	lower := strings.ToLower(text)
	for _, p := range spamPhrases {
		if strings.Contains(lower, p) {
			v.add(pointsPhrase, "spam phrase “"+p+"”")
		}
	}
	if allCaps(text) {
		v.add(pointsAllCaps, "written in capitals")
	}
	if repeats(text, 6) {
		v.add(pointsRepeats, "repeated characters")
	}
}

// countLinks counts the links in s.
func countLinks(s string) int {
	return len(linkPattern.FindAllStringIndex(s, -1))
}

// allCaps reports whether s has at least 20 letters, nearly all capitals.
func allCaps(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 20 && upper*10 >= letters*9
}

// repeats reports whether s has a run of n or more of one non-space
// character, such as "!!!!!!" or "soooooo".
func repeats(s string, n int) bool {
	run, last := 0, utf8.RuneError
	for _, r := range s {
		if r == last && !unicode.IsSpace(r) {
			run++
		} else {
			run, last = 1, r
		}
		if run >= n {
			return true
		}
	}
	return false
}

// blockedIP reports whether ip is one of the entries, addresses or prefixes.
func blockedIP(ip string, entries []string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if p, err := netip.ParsePrefix(e); err == nil && p.Contains(addr) {
			return true
		}
		if a, err := netip.ParseAddr(e); err == nil && a.Unmap() == addr {
			return true
		}
	}
	return false
}

// blockedEmail returns why email is blocked: "blocked email address" when
// it is one of the entries, "blocked email domain" when it ends in one of
// their "@domain" suffixes; "" when it is not blocked.
func blockedEmail(email string, entries []string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return ""
	}
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == email {
			return "blocked email address"
		}
		if strings.HasPrefix(e, "@") && strings.HasSuffix(email, e) {
			return "blocked email domain"
		}
	}
	return ""
}
