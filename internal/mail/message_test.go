package mail

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// parse reads a built message back as a receiver would.
func parse(t *testing.T, raw []byte) (*mail.Message, string) {
	t.Helper()
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("a bare LF in the message:\n%s", raw)
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reading the message: %v\n%s", err, raw)
	}
	body, err := io.ReadAll(m.Body)
	if err != nil {
		t.Fatal(err)
	}
	return m, string(body)
}

// decodedBody decodes a quoted-printable body.
func decodedBody(t *testing.T, m *mail.Message, body string) string {
	t.Helper()
	if got := m.Header.Get("Content-Transfer-Encoding"); got != "quoted-printable" {
		t.Fatalf("Content-Transfer-Encoding %q", got)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuild(t *testing.T) {
	date := time.Date(2026, 11, 29, 22, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	text := "Здравствуйте!\nA reply to your comment:\n\n" + strings.Repeat("long line ", 20) + "\n.\nEnd"
	raw, err := Build(Message{
		From: "Вестник <news@herald.test>", To: "Anna Reader <anna@example.com>",
		Subject: "Новый ответ на ваш комментарий\r\nBcc: evil@example.com", Text: text,
		Unsubscribe: "https://herald.test/unsubscribe?t=abc", Headers: map[string]string{"Auto-Submitted": "auto-generated"},
		Date: date,
	})
	if err != nil {
		t.Fatal(err)
	}
	m, body := parse(t, raw)
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Subject":                   "Новый ответ на ваш комментарий Bcc: evil@example.com",
		"Date":                      "Sun, 29 Nov 2026 22:00:00 +0300",
		"List-Unsubscribe":          "<https://herald.test/unsubscribe?t=abc>",
		"List-Unsubscribe-Post":     "List-Unsubscribe=One-Click",
		"Auto-Submitted":            "auto-generated",
		"Mime-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
		"Bcc":                       "",
	}
	for name, w := range want {
		got := m.Header.Get(name)
		if name == "Subject" {
			got = subject
		}
		if got != w {
			t.Errorf("%s = %q, want %q", name, got, w)
		}
	}
	from, err := m.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Вестник" || from[0].Address != "news@herald.test" {
		t.Errorf("From = %v, %v", from, err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "anna@example.com" {
		t.Errorf("To = %v, %v", to, err)
	}
	if id := m.Header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@herald.test>") {
		t.Errorf("Message-ID = %q", id)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		_, value, _ := strings.Cut(line, ": ")
		oneWord := strings.HasPrefix(value, "=?") && !strings.Contains(value, " ") && len(value) <= 75
		if len(line) > 78 && !oneWord {
			t.Errorf("line longer than 78 characters: %q", line)
		}
	}
	wantBody := strings.ReplaceAll(text, "\n", "\r\n") + "\r\n"
	if got := decodedBody(t, m, body); got != wantBody {
		t.Errorf("body = %q, want %q", got, wantBody)
	}
}

func TestBuildRefuses(t *testing.T) {
	ok := Message{From: "news@herald.test", To: "anna@example.com", Subject: "s", Text: "t"}
	for name, change := range map[string]func(*Message){
		"bad recipient":     func(m *Message) { m.To = "not an address" },
		"bad sender":        func(m *Message) { m.From = "" },
		"injected header":   func(m *Message) { m.Headers = map[string]string{"Reply-To": "a@b.c\r\nBcc: x@y.z"} },
		"injected URL":      func(m *Message) { m.Unsubscribe = "https://x.test/\r\nBcc: x@y.z" },
		"reserved header":   func(m *Message) { m.Headers = map[string]string{"content-type": "text/html"} },
		"bad header name":   func(m *Message) { m.Headers = map[string]string{"Bad Name": "x"} },
		"header name colon": func(m *Message) { m.Headers = map[string]string{"X:Y": "x"} },
	} {
		m := ok
		change(&m)
		if _, err := Build(m); err == nil {
			t.Errorf("%s: built", name)
		}
	}
	if _, err := Build(ok); err != nil {
		t.Errorf("the valid message: %v", err)
	}
}
