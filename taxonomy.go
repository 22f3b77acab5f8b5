package herald

import "time"

// Section is a department of the site (World, Business, …). Sections form
// a tree through ParentID and are ordered among siblings by Position.
type Section struct {
	ID          int64
	ParentID    int64 // 0: a top-level section
	Slug        string
	Name        string
	Description string
	Position    int
	// InNav says whether the section appears in the site's navigation.
	InNav bool
}

// Validate checks the section's own fields.
func (s *Section) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "name", s.Name, 100, true)
	checkText(fe, "description", s.Description, 1000, false)
	if err := ValidateSlug(s.Slug); err != nil {
		fe.Add("slug", err.Error())
	}
	if s.ParentID != 0 && s.ParentID == s.ID {
		fe.Add("parent", "may not be the section itself")
	}
	return fe.Err()
}

// Tag is a keyword that articles share.
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// Validate checks the tag's own fields.
func (t *Tag) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "name", t.Name, 100, true)
	if err := ValidateSlug(t.Slug); err != nil {
		fe.Add("slug", err.Error())
	}
	return fe.Err()
}

// Story is a running story: coverage of one subject over time that groups
// articles into a timeline.
type Story struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	CreatedAt   time.Time
}

// Validate checks the story's own fields.
func (s *Story) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "name", s.Name, 200, true)
	checkText(fe, "description", s.Description, 2000, false)
	if err := ValidateSlug(s.Slug); err != nil {
		fe.Add("slug", err.Error())
	}
	return fe.Err()
}

// Redirect sends readers from an old path to a new one with a 301.
type Redirect struct {
	ID        int64
	From      string // path, starting with "/"
	To        string // path or absolute URL
	CreatedAt time.Time
}

// Validate checks the redirect's paths.
func (r *Redirect) Validate() error {
	fe := FieldErrors{}
	if len(r.From) == 0 || r.From[0] != '/' || len(r.From) > 2000 {
		fe.Add("from", "must be a path starting with /")
	}
	if r.To == "" || len(r.To) > 2000 {
		fe.Add("to", "must be a path or URL")
	}
	if r.From == r.To {
		fe.Add("to", "must differ from the old path")
	}
	return fe.Err()
}
