// Package spam decides what becomes of a reader's comment without any
// outside service: a honeypot field, a signed form token with a minimum
// fill time, a score from links, blocklists and patterns, and per-key
// rate limits. Its functions are pure apart from the Counter a Limiter
// is given.
package spam

import "fmt"

// Decision is what becomes of a comment.
type Decision int

// Decisions, from best to worst. Spam is kept in a folder for review,
// never dropped.
const (
	Approve Decision = iota
	Hold
	Spam
)

// String returns the decision's name, as the comment statuses spell it.
func (d Decision) String() string {
	switch d {
	case Approve:
		return "approved"
	case Hold:
		return "pending"
	default:
		return "spam"
	}
}

// Mode is the site's moderation mode.
type Mode int

// Moderation modes.
const (
	HoldFirstTime Mode = iota // hold comments from people with no approved comment yet
	HoldAll                   // hold every comment
	ApproveAll                // publish what the other rules let through
)

// Submission is what the checks see of a posted comment.
type Submission struct {
	Name, Email, Website, Text string
	IP                         string
	Honeypot                   string // the hidden field people leave empty
	FirstTime                  bool   // no approved comment from this email yet
}

// Rules are the site's settings for Judge.
type Rules struct {
	Mode      Mode
	MaxLinks  int // more links than this hold the comment (0: any link)
	HoldScore int // a score at least this holds the comment
	SpamScore int // a score at least this marks it spam
	Blocklist Blocklist
}

// DefaultRules are the rules of a new site.
func DefaultRules() Rules {
	return Rules{Mode: HoldFirstTime, MaxLinks: 2, HoldScore: 3, SpamScore: 8}
}

// Verdict is Judge's answer: the decision, the score and why, for the
// moderation queue. Reasons are short phrases fit to show a moderator;
// they never quote the commenter's email or IP address.
type Verdict struct {
	Decision Decision
	Score    int
	Reasons  []string
}

// Reasons Judge gives for decisions of the moderation mode and the form.
const (
	ReasonHoneypot  = "hidden anti-spam field filled in"
	ReasonFirstTime = "first comment from this address"
	ReasonHoldAll   = "every comment is held"
)

// Judge decides a submission: spam when the honeypot is filled or the
// score reaches SpamScore; held when a holding rule matches (too many
// links, a blocklist entry), the score reaches HoldScore, or the mode
// says so; approved otherwise. A held or spam verdict always has a
// reason: the signals and rules that matched and the score when they
// decided, and the moderation mode's reason when it holds the comment
// (alone when nothing else would have).
func (r Rules) Judge(s Submission) Verdict {
	if s.Honeypot != "" {
		return Verdict{Decision: Spam, Reasons: []string{ReasonHoneypot}}
	}
	v := score(s, r.Blocklist)
	if v.links > r.MaxLinks {
		v.holdRule = true
		v.Reasons = append(v.Reasons, fmt.Sprintf("too many links (%d, at most %d)", v.links, r.MaxLinks))
	}
	switch {
	case r.SpamScore > 0 && v.Score >= r.SpamScore:
		v.Decision = Spam
		v.Reasons = append(v.Reasons, fmt.Sprintf("spam score %d (spam from %d)", v.Score, r.SpamScore))
	case v.holdRule:
		v.Decision = Hold
	case r.HoldScore > 0 && v.Score >= r.HoldScore:
		v.Decision = Hold
		v.Reasons = append(v.Reasons, fmt.Sprintf("spam score %d (held from %d)", v.Score, r.HoldScore))
	}
	if mode := r.modeReason(s); mode != "" && v.Decision != Spam {
		if v.Decision == Approve {
			// Signals too weak to hold the comment are not why it is held.
			v.Reasons = nil
		}
		v.Decision = Hold
		v.Reasons = append(v.Reasons, mode)
	}
	return v.Verdict
}

// modeReason returns why the moderation mode holds s, or "" when it does not.
func (r Rules) modeReason(s Submission) string {
	switch {
	case r.Mode == HoldAll:
		return ReasonHoldAll
	case r.Mode == HoldFirstTime && s.FirstTime:
		return ReasonFirstTime
	}
	return ""
}
