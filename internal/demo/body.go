package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// language holds what everyday articles of one language are made of.
type language struct {
	code         string
	sections     []sectionText
	generic      []string
	subheads     []string
	listIntros   []string
	listItems    []string
	attributions []string
	quoteOpen    string
	quoteClose   string
	corrections  []string
	updates      []string
}

var english = &language{
	code: "en", sections: englishSections, generic: genericParas, subheads: subheads,
	listIntros: listIntros, listItems: listItems, attributions: attributions,
	quoteOpen: "“", quoteClose: "”",
	corrections: []string{
		"An earlier version of this article gave the wrong number of people affected. It is about {big}.",
		"An earlier version of this article misspelled the name of {person}.",
		"An earlier version of this article said the meeting would take place on the wrong day. It is on {weekday}.",
		"An earlier version of this article gave the wrong cost. The correct figure is {money}.",
	},
	updates: []string{
		"*This article has been updated with a response from {org}.*",
		"*This article was updated with figures published by {org}.*",
	},
}

var russian = &language{
	code: "ru", sections: russianSections, generic: ruGenericParas, subheads: ruSubheads,
	listIntros: ruListIntros, listItems: ruListItems, attributions: ruAttributions,
	quoteOpen: "«", quoteClose: "»",
	corrections: []string{
		"В первоначальной версии статьи была неверно указана сумма. Правильно — {money}.",
		"В первоначальной версии статьи было неверно указано число жителей. Правильно — около {big}.",
	},
	updates: []string{
		"*Материал дополнен комментарием {org}.*",
	},
}

// markdown collects the blocks of an article body.
type markdown struct {
	blocks []string
}

func (md *markdown) para(s string) { md.blocks = append(md.blocks, s) }

func (md *markdown) heading(s string) { md.blocks = append(md.blocks, "## "+s) }

func (md *markdown) quote(text, attribution string) {
	md.blocks = append(md.blocks, "> "+text+"\n>\n> "+attribution)
}

func (md *markdown) list(intro string, items []string) {
	md.blocks = append(md.blocks, intro, "- "+strings.Join(items, "\n- "))
}

func (md *markdown) String() string { return strings.Join(md.blocks, "\n\n") }

// everydayBody writes the body of an article that is not part of a story:
// five to eight paragraphs — the section's first as the lead, some of its
// others in their order, then some of the language's generic ones — a
// quote, and sometimes a subheading and a list.
func everydayBody(r *rand.Rand, lang *language, st *sectionText, s slots) string {
	more := r.Perm(len(st.paras) - 1)[:min(len(st.paras)-1, 2+r.IntN(3))]
	slices.Sort(more)
	paras := []string{st.paras[0]}
	for _, i := range more {
		paras = append(paras, st.paras[i+1])
	}
	paras = append(paras, pickN(r, lang.generic, 2+r.IntN(2))...)
	var md markdown
	md.para(s.fill(paras[0]))
	md.para(s.fill(paras[1]))
	md.quote(lang.quoteOpen+s.fill(pick(r, st.quotes))+lang.quoteClose, s.fill(pick(r, lang.attributions)))
	tail := len(paras) - 2
	for i, p := range paras[2:] {
		if i+2 == tail && r.IntN(2) == 0 {
			md.heading(pick(r, lang.subheads))
			if r.IntN(3) == 0 {
				items := pickN(r, lang.listItems, 3+r.IntN(2))
				for i := range items {
					items[i] = s.fill(items[i])
				}
				md.list(pick(r, lang.listIntros), items)
			}
		}
		md.para(s.fill(p))
	}
	return md.String()
}

// installment is a published report of a story, as later ones cite it.
type installment struct {
	at    time.Time
	event string
	path  string
}

// maxCitations is how many earlier reports a story's article recalls.
const maxCitations = 3

// storyBody writes the body of a story's article: the lead, the earlier
// reports it follows up, each cited by date and linked ("On April 12, the
// council voted …"), background, a quote and what happens next.
func storyBody(r *rand.Rand, st *storyText, b *beat, s slots, at time.Time, earlier []installment) string {
	var md markdown
	md.para(s.fill(b.lead))
	background := pickN(r, st.background, 2)
	if len(earlier) == 0 {
		md.para(s.fill(background[0]))
	}
	for _, e := range earlier[max(0, len(earlier)-maxCitations):] {
		md.para("On " + citeDate(e.at, at) + ", [" + e.event + "](" + e.path + ").")
	}
	q := pick(r, st.quotes)
	md.quote(english.quoteOpen+s.fill(q.text)+english.quoteClose, "— "+s.fill(q.speaker))
	if r.IntN(2) == 0 {
		md.heading("Background")
	}
	md.para(s.fill(background[1]))
	md.para(s.fill(pick(r, english.generic)))
	if r.IntN(2) == 0 {
		md.heading(english.subheads[0])
	}
	md.para(s.fill(pick(r, st.next)))
	return md.String()
}
