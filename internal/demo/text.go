package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// slots are the values one article's templates are filled with. They are
// chosen once per article, so a name or figure stays the same wherever the
// article repeats it.
type slots map[string]string

// newSlots picks the values for an article in language lang published at t.
func newSlots(r *rand.Rand, lang string, t time.Time) slots {
	n, m := 2+r.IntN(11), 12+r.IntN(84)
	s := slots{
		"city":      city,
		"country":   country,
		"paper":     paperName,
		"n":         strconv.Itoa(n),
		"m":         strconv.Itoa(m),
		"nth":       ordinal(n + 1),
		"mth":       ordinal(m),
		"pct":       strconv.Itoa(2 + r.IntN(37)),
		"score1":    strconv.Itoa(1 + r.IntN(4)),
		"score2":    strconv.Itoa(r.IntN(2)),
		"pastyear":  strconv.Itoa(t.Year() - 1 - r.IntN(6)),
		"month":     t.AddDate(0, 1+r.IntN(3), 0).Month().String(),
		"neighbour": pick(r, neighbours),
		"town":      pick(r, towns),
		"venue":     pick(r, venues),
	}
	// The event reported usually happened the day before publication.
	day := int(t.AddDate(0, 0, -r.IntN(2)).Weekday()+6) % 7
	big := 120 + r.IntN(9380)
	money := strconv.Itoa(1 + r.IntN(90))
	if tenths := r.IntN(10); tenths > 0 {
		money += "." + strconv.Itoa(tenths)
	}
	if lang == "ru" {
		s.ruValues(r, day, big, money)
		return s
	}
	s["weekday"] = weekdays[day]
	s["big"] = groupThousands(big, ",")
	s["money"] = money + " million crowns"
	s["district"], s["district2"] = pickTwo(r, districts)
	s["team"], s["team2"] = pickTwo(r, teams)
	s["org"] = pick(r, organisations)
	s["company"] = pick(r, companies)
	s["person"] = pick(r, firstNames) + " " + pick(r, lastNames)
	s["person2"] = pick(r, firstNames) + " " + pick(r, lastNames)
	s["role"] = s.fill(pick(r, roles))
	s["role2"] = s.fill(pick(r, roles))
	return s
}

// ruValues sets the slots that differ in Russian.
func (s slots) ruValues(r *rand.Rand, day, big int, money string) {
	s["weekday"] = ruWeekdays[day]
	// Rounded to hundreds, a number always takes the genitive plural
	// ("3 300 жителей"), so templates need not agree with its last digit.
	s["big"] = groupThousands(max(100, big/100*100), "\u00a0")
	s["money"] = strings.Replace(money, ".", ",", 1) + " млн крон"
	s["district"], s["district2"] = pickTwo(r, ruDistricts)
	s["team"], s["team2"] = pickTwo(r, ruTeams)
	s["org"] = pick(r, ruOrgs)
	s["company"] = pick(r, ruCompanies)
	p1, p2 := pickTwo(r, ruPeople)
	s["person"], s["said"], s["person2"] = p1.name, p1.said, p2.name
}

// fill replaces each {key} in tpl with its slot value. Unknown keys stay as
// they are; a test checks that every template uses known keys only.
func (s slots) fill(tpl string) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	var b strings.Builder
	b.Grow(len(tpl) + 32)
	for {
		i := strings.IndexByte(tpl, '{')
		j := strings.IndexByte(tpl[max(i, 0):], '}')
		if i < 0 || j < 0 {
			break
		}
		b.WriteString(tpl[:i])
		if v, ok := s[tpl[i+1:i+j]]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(tpl[i : i+j+1])
		}
		tpl = tpl[i+j+1:]
	}
	b.WriteString(tpl)
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T {
	return list[r.IntN(len(list))]
}

// pickTwo picks two different elements.
func pickTwo[T any](r *rand.Rand, list []T) (T, T) {
	i := r.IntN(len(list))
	j := (i + 1 + r.IntN(len(list)-1)) % len(list)
	return list[i], list[j]
}

// pickN picks n different elements, in random order.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	n = min(n, len(list))
	out := make([]T, 0, n)
	for _, i := range r.Perm(len(list))[:n] {
		out = append(out, list[i])
	}
	return out
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// groupThousands writes n with sep between groups of three digits.
func groupThousands(n int, sep string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// citeDate writes the date of an earlier report as a later one cites it:
// "April 12", with the year when it differs from now's.
func citeDate(t, now time.Time) string {
	if t.Year() != now.Year() {
		return t.Format("January 2, 2006")
	}
	return t.Format("January 2")
}

// permalink is an article's public path, /YYYY/MM/DD/slug/, dated in UTC as
// the store keys slugs by UTC day.
func permalink(t time.Time, slug string) string {
	return (&herald.Article{PublishedAt: t, Slug: slug}).Path(time.UTC)
}
