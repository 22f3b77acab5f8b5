package site

import "github.com/herald-news/herald"

// protectView marks an article's body for protect.js, which deters
// copying it; nil when the article is not protected.
type protectView struct {
	Mode   string // herald.CopyNotice or herald.CopyAttribute
	Notice string // shown when copying is blocked
	URL    string // the article's canonical address, added to copied text
	Length int    // copied text is cut to this many characters
	Script string
}

// protection returns how a's body is protected under the site's settings;
// canonical is the article's address.
func (s *Site) protection(e *env, a *herald.Article, canonical string) *protectView {
	p := e.settings.Protection
	mode := a.CopyMode(p)
	if mode != herald.CopyNotice && mode != herald.CopyAttribute {
		return nil
	}
	return &protectView{Mode: mode, Notice: p.CopyNotice, URL: canonical, Length: p.CopyLength, Script: s.assets.Path("protect.js")}
}
