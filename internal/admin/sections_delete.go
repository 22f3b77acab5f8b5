package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

// sectionMove moves a section up or down among its siblings.
func (a *Admin) sectionMove(w http.ResponseWriter, r *http.Request) error {
	s, err := a.findSection(r)
	if err != nil {
		return err
	}
	all, err := a.store.FindSections(r.Context())
	if err != nil {
		return err
	}
	sib := siblings(all, s.ParentID)
	i := indexOf(sib, s.ID)
	j := i - 1
	if r.PostFormValue("direction") == "down" {
		j = i + 1
	}
	if i < 0 || j < 0 || j >= len(sib) {
		redirect(w, r, "/admin/sections", "")
		return nil
	}
	sib[i], sib[j] = sib[j], sib[i]
	// Renumber every sibling, so that equal positions left by older data
	// cannot keep the order from changing.
	for pos, x := range sib {
		if x.Position != pos {
			x.Position = pos
			if err := a.store.UpdateSection(r.Context(), x); err != nil {
				return err
			}
		}
	}
	redirect(w, r, "/admin/sections", fmt.Sprintf("Moved the section “%s”.", s.Name))
	return nil
}

// indexOf returns the index of the section id in list, -1 if absent.
func indexOf(list []*herald.Section, id int64) int {
	for i, s := range list {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// sectionDelete states what deleting a section does and, once confirmed,
// deletes it.
func (a *Admin) sectionDelete(w http.ResponseWriter, r *http.Request) error {
	s, err := a.findSection(r)
	if err != nil {
		return err
	}
	if confirmed(r) {
		if err := a.store.DeleteSection(r.Context(), s.ID); err != nil {
			return err
		}
		if err := a.record(r, "section.delete", "section "+strconv.FormatInt(s.ID, 10), s.Name); err != nil {
			return err
		}
		redirect(w, r, "/admin/sections", fmt.Sprintf("Deleted the section “%s”.", s.Name))
		return nil
	}
	lines, err := a.sectionConsequences(r, s)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Delete the section “%s”?", s.Name))
	if err != nil {
		return err
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting the section does this:", Consequences: lines,
		Action: r.URL.Path, Button: "Delete the section", Cancel: "/admin/sections"})
}

// sectionConsequences says what happens to a section's articles and
// subsections when it is deleted.
func (a *Admin) sectionConsequences(r *http.Request, s *herald.Section) ([]string, error) {
	all, err := a.store.FindSections(r.Context())
	if err != nil {
		return nil, err
	}
	// Counts include subsections' articles: subtract the children's.
	direct, err := a.countArticles(r, herald.ArticleFilter{SectionID: s.ID})
	if err != nil {
		return nil, err
	}
	children := siblings(all, s.ID)
	var names []string
	for _, ch := range children {
		n, err := a.countArticles(r, herald.ArticleFilter{SectionID: ch.ID})
		if err != nil {
			return nil, err
		}
		direct -= n
		names = append(names, "“"+ch.Name+"”")
	}
	lines := []string{articlesLine(direct, "will have no section; they stay, with their addresses, and no article is deleted")}
	if len(children) > 0 {
		to := "the top level"
		if i := indexOf(all, s.ParentID); i >= 0 {
			to = "“" + all[i].Name + "”"
		}
		lines = append(lines, fmt.Sprintf("Its %s (%s) %s up to %s.", plural(len(children), "subsection", "subsections"),
			strings.Join(names, ", "), verb(len(children), "moves", "move"), to))
	}
	lines = append(lines, "Its page and feeds stop working.")
	return lines, nil
}

// articlesLine says what happens to n articles: "Its 41 articles will …".
func articlesLine(n int, what string) string {
	if n == 0 {
		return "No article is in it."
	}
	return fmt.Sprintf("Its %s %s.", plural(n, "article", "articles"), what)
}

// plural is "1 article" or "41 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// verb is one for a single subject, many for several.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
