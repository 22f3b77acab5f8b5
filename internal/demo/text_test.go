package demo

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestTemplates fills every template in both languages and wants no
// {slot} left: a misspelt key would otherwise reach readers.
func TestTemplates(t *testing.T) {
	at := time.Date(2024, 4, 12, 9, 30, 0, 0, time.UTC)
	for _, lang := range []*language{english, russian} {
		s := newSlots(rand.New(rand.NewPCG(1, 2)), lang.code, at)
		var texts []string
		for _, st := range lang.sections {
			for _, h := range st.headlines {
				texts = append(texts, h.text)
			}
			texts = append(texts, st.deks...)
			texts = append(texts, st.paras...)
			texts = append(texts, st.quotes...)
		}
		for _, list := range [][]string{lang.generic, lang.listItems, lang.attributions, lang.corrections, lang.updates} {
			texts = append(texts, list...)
		}
		if lang == english {
			texts = append(texts, roles...)
			for _, st := range stories {
				for _, b := range st.beats {
					texts = append(texts, b.headline, b.event, b.lead)
				}
				for _, q := range st.quotes {
					texts = append(texts, q.text, q.speaker)
				}
				texts = append(texts, st.deks...)
				texts = append(texts, st.background...)
				texts = append(texts, st.next...)
			}
		}
		for _, text := range texts {
			if got := s.fill(text); strings.ContainsAny(got, "{}") {
				t.Errorf("%s: %q has an unknown slot", lang.code, got)
			}
		}
	}
}

// TestReferences wants every section, subsection and tag that templates
// name to exist in the plans the loader creates them from.
func TestReferences(t *testing.T) {
	sections := map[string]bool{}
	for _, p := range sectionPlan {
		sections[p.slug] = true
		for _, sub := range p.subs {
			sections[sub[1]] = true
		}
	}
	tags := map[string]bool{}
	for _, list := range [][]string{tagNames, ruTagNames} {
		for _, name := range list {
			tags[name] = true
		}
	}
	for _, lang := range []*language{english, russian} {
		for _, st := range lang.sections {
			for _, h := range st.headlines {
				if !sections[st.slug] || h.sub != "" && !sections[h.sub] {
					t.Errorf("%s: headline %q names an unknown section", lang.code, h.text)
				}
			}
			for _, name := range st.tags {
				if !tags[name] {
					t.Errorf("%s: section %s names unknown tag %q", lang.code, st.slug, name)
				}
			}
		}
	}
	for _, st := range stories {
		if !sections[st.section] {
			t.Errorf("story %s is in unknown section %s", st.slug, st.section)
		}
	}
}

func TestCiteDate(t *testing.T) {
	now := time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2025, 1, 12, 9, 0, 0, 0, time.UTC), "January 12"},
		{time.Date(2024, 12, 3, 9, 0, 0, 0, time.UTC), "December 3, 2024"},
	}
	for _, tt := range tests {
		if got := citeDate(tt.t, now); got != tt.want {
			t.Errorf("citeDate(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestGroupThousandsAndOrdinal(t *testing.T) {
	for n, want := range map[int]string{120: "120", 1200: "1,200", 9500: "9,500", 1234567: "1,234,567"} {
		if got := groupThousands(n, ","); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 42: "42nd", 93: "93rd"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
