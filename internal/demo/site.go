package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// editors is how many of the English-language authors are editors.
const editors = 6

// englishAuthors is how many authors write in English; the Russian ones
// come on top, for 40 in all.
const englishAuthors = 36

// settings gives the site its demo name, keeping what the demo does not
// set (the base URL).
func (l *loader) settings(ctx context.Context) error {
	s, err := l.st.FindSettings(ctx)
	if err != nil {
		return fmt.Errorf("find settings: %w", err)
	}
	s.Title = paperName
	s.Tagline = "News from " + city + " and beyond — demo content, every word of it made up"
	s.Language = "en"
	s.TimeZone = "Europe/London"
	s.DateFormat = "long"
	s.PerPage = 20
	s.CommentsOpen = true
	if err := l.st.UpdateSettings(ctx, s); err != nil {
		return fmt.Errorf("update settings: %w", err)
	}
	return nil
}

// sections creates the section tree, every section in the navigation.
func (l *loader) sections(ctx context.Context) error {
	for i, p := range sectionPlan {
		top := &herald.Section{Slug: p.slug, Name: p.name, Description: p.description, Position: i + 1, InNav: true}
		if err := l.st.CreateSection(ctx, top); err != nil {
			return fmt.Errorf("create section %s: %w", p.slug, err)
		}
		l.sectionIDs[p.slug] = top.ID
		for j, sub := range p.subs {
			s := &herald.Section{ParentID: top.ID, Name: sub[0], Slug: sub[1], Position: j + 1, InNav: true,
				Description: sub[0] + " news from the " + p.name + " desk."}
			if err := l.st.CreateSection(ctx, s); err != nil {
				return fmt.Errorf("create section %s: %w", s.Slug, err)
			}
			l.sectionIDs[s.Slug] = s.ID
		}
	}
	return nil
}

// authors creates the newsroom: English-language reporters with made-up
// names, the first few of them editors, and the Russian service.
func (l *loader) authors(ctx context.Context) error {
	seen := map[string]bool{}
	for len(l.enAuthors) < englishAuthors {
		name := pick(l.r, firstNames) + " " + pick(l.r, lastNames)
		if seen[name] {
			continue
		}
		seen[name] = true
		role, bio := herald.RoleAuthor, l.bio(name)
		if len(l.enAuthors) < editors {
			role = herald.RoleEditor
			bio = fmt.Sprintf("%s is the %s editor of %s.", name, sectionPlan[len(l.enAuthors)].name, paperName)
		}
		id, err := l.createUser(ctx, name, bio, role)
		if err != nil {
			return err
		}
		l.enAuthors = append(l.enAuthors, id)
	}
	for _, a := range ruAuthors {
		id, err := l.createUser(ctx, a.name, a.bio, herald.RoleAuthor)
		if err != nil {
			return err
		}
		l.ruAuthors = append(l.ruAuthors, id)
	}
	return nil
}

func (l *loader) bio(name string) string {
	b1, b2 := pickTwo(l.r, beats)
	switch l.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s covers %s for %s.", name, b1, paperName)
	case 1:
		return fmt.Sprintf("%s has reported on %s since %d.", name, b1, l.end.Year()-1-l.r.IntN(15))
	}
	return fmt.Sprintf("%s writes about %s and %s.", name, b1, b2)
}

func (l *loader) createUser(ctx context.Context, name, bio string, role herald.Role) (int64, error) {
	slug := markup.Slugify(name)
	u := &herald.User{
		Name:  name,
		Slug:  slug,
		Bio:   bio,
		Email: strings.ReplaceAll(slug, "-", ".") + "@example.org",
		Role:  role,
	}
	if err := l.st.CreateUser(ctx, u); err != nil {
		return 0, fmt.Errorf("create user %s: %w", slug, err)
	}
	return u.ID, nil
}

// tags creates the everyday tags, the stories' own and the Russian ones.
func (l *loader) tags(ctx context.Context) error {
	names := append([]string(nil), tagNames...)
	for _, st := range stories {
		names = append(names, st.tags...)
	}
	names = append(names, ruTagNames...)
	for _, name := range names {
		if _, ok := l.tagIDs[name]; ok {
			continue
		}
		t := &herald.Tag{Name: name, Slug: markup.Slugify(name)}
		if err := l.st.CreateTag(ctx, t); err != nil {
			return fmt.Errorf("create tag %s: %w", t.Slug, err)
		}
		l.tagIDs[name] = t.ID
	}
	return nil
}

// stories creates the running stories that have articles.
func (l *loader) stories(ctx context.Context, counts []int) error {
	l.storyIDs = make([]int64, len(stories))
	for i, st := range stories {
		if counts[i] == 0 {
			continue
		}
		s := &herald.Story{Slug: st.slug, Name: st.name, Description: st.description}
		if err := l.st.CreateStory(ctx, s); err != nil {
			return fmt.Errorf("create story %s: %w", st.slug, err)
		}
		l.storyIDs[i] = s.ID
	}
	return nil
}
