package markup

import "testing"

func TestAbsolute(t *testing.T) {
	for in, want := range map[string]string{
		`<p><img src="/media/a.jpg" alt="/x"> <a href="/2024/01/01/x/">x</a> <a href="/">home</a></p>`: `<p><img src="https://s.example/media/a.jpg" alt="/x"> <a href="https://s.example/2024/01/01/x/">x</a> <a href="https://s.example/">home</a></p>`,
		`<a href="//other.example/x">x</a> <a href="https://e.example/">e</a> src=&#34;/t`:             `<a href="//other.example/x">x</a> <a href="https://e.example/">e</a> src=&#34;/t`,
	} {
		if got := Absolute(in, "https://s.example"); got != want {
			t.Errorf("Absolute(%s) =\n%s\nwant\n%s", in, got, want)
		}
	}
}
