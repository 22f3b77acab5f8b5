package herald

import (
	"testing"
	"time"
)

func TestArticle_Path(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*3600)
	a := &Article{Slug: "late-night", PublishedAt: time.Date(2022, 9, 27, 22, 30, 0, 0, time.UTC)}
	tests := []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "/2022/09/27/late-night/"},
		{moscow, "/2022/09/28/late-night/"},
	}
	for _, tt := range tests {
		if got := a.Path(tt.loc); got != tt.want {
			t.Errorf("Path(%s) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}
