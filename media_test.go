package herald_test

import (
	"testing"

	"github.com/herald-news/herald"
)

func TestMedia_Publishable(t *testing.T) {
	for _, tt := range []struct {
		alt  string
		want string
	}{{"A bridge at dawn", ""}, {"", herald.EINVALID}, {"  \n", herald.EINVALID}} {
		m := &herald.Media{Alt: tt.alt}
		if got := herald.ErrorCode(m.Publishable()); got != tt.want {
			t.Errorf("Publishable with alt %q: code %q, want %q", tt.alt, got, tt.want)
		}
	}
}
