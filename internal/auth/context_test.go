package auth

import "testing"

func TestSafeReturn(t *testing.T) {
	tests := map[string]string{
		"/admin/articles/4/edit":       "/admin/articles/4/edit",
		"/admin/articles/?status=live": "/admin/articles/?status=live",
		"/admin":                       "/admin/",
		"":                             "/admin/",
		"//evil.example/admin/":        "/admin/",
		"https://evil.example/admin/":  "/admin/",
		"/\\evil.example":              "/admin/",
		"/admin/../evil":               "/admin/",
		"/administrator":               "/admin/",
		"admin/x":                      "/admin/",
		"javascript:alert(1)":          "/admin/",
		"/admin/%2e%2e/x":              "/admin/",
		"/admin/x\r\nLocation: y":      "/admin/",
	}
	for in, want := range tests {
		if got := SafeReturn(in); got != want {
			t.Errorf("SafeReturn(%q) = %q, want %q", in, got, want)
		}
	}
}
