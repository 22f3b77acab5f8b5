package mail

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestSMTPDelivers(t *testing.T) {
	for _, tc := range []struct {
		sec        Security
		user, pass string
	}{
		{SecurityNone, "", ""},
		{SecurityNone, "relay", "secret"}, // AUTH in plain text, allowed on loopback only
		{SecurityStartTLS, "anna", "s3cret"},
		{SecurityTLS, "anna", "s3cret"},
	} {
		t.Run(string(tc.sec)+"/"+tc.user, func(t *testing.T) {
			srv := startServer(t, tc.sec, tc.user, tc.pass)
			c, err := NewSMTP(srv.settings(tc.sec))
			if err != nil {
				t.Fatal(err)
			}
			msg, err := Build(Message{From: c.From(), To: "Reader <reader@example.com>", Subject: "Hello",
				Text: "Line one\n.\nLine three", Date: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Send(context.Background(), "Reader <reader@example.com>", msg); err != nil {
				t.Fatal(err)
			}
			got := srv.delivered()
			if len(got) != 1 || got[0].From != "news@herald.test" || got[0].To != "reader@example.com" {
				t.Fatalf("delivered %+v", got)
			}
			m, body := parse(t, got[0].Data)
			if m.Header.Get("Subject") != "Hello" || decodedBody(t, m, body) != "Line one\r\n.\r\nLine three\r\n" {
				t.Errorf("delivered %q", got[0].Data)
			}
		})
	}
}

func TestSMTPFailures(t *testing.T) {
	srv := startServer(t, SecurityStartTLS, "anna", "s3cret")
	send := func(s Settings) error {
		c, err := NewSMTP(s)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := Build(Message{From: s.From, To: "reader@example.com", Subject: "s", Text: "t"})
		if err != nil {
			t.Fatal(err)
		}
		return c.Send(context.Background(), "reader@example.com", msg)
	}
	good := srv.settings(SecurityStartTLS)

	wrong := good
	wrong.Password = "guess"
	if err := send(wrong); err == nil || IsPermanent(err) {
		t.Errorf("wrong password: %v, want a temporary error", err)
	}
	untrusted := good
	untrusted.TLSConfig = nil // the system's roots do not know the test certificate
	if err := send(untrusted); err == nil || !strings.Contains(err.Error(), "starttls") {
		t.Errorf("untrusted certificate: %v", err)
	}
	srv.refuseWith(&smtp.SMTPError{Code: 451, Message: "try later"})
	if err := send(good); err == nil || IsPermanent(err) {
		t.Errorf("451: %v, want a temporary error", err)
	}
	srv.refuseWith(&smtp.SMTPError{Code: 550, Message: "no such user"})
	if err := send(good); !IsPermanent(err) {
		t.Errorf("550: %v, want a permanent error", err)
	}
	if got := srv.delivered(); len(got) != 0 {
		t.Errorf("delivered %d messages", len(got))
	}
	if err := send(Settings{Host: "127.0.0.1", Port: 1, Security: SecurityNone, From: "a@b.test"}); err == nil {
		t.Error("sent to a closed port")
	}
}

func TestSettingsValidate(t *testing.T) {
	good := Settings{Host: "smtp.example.com", Port: 587, Security: SecurityStartTLS, From: "news@example.com"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*Settings){
		"no host":      func(s *Settings) { s.Host = "" },
		"port 0":       func(s *Settings) { s.Port = 0 },
		"port 70000":   func(s *Settings) { s.Port = 70000 },
		"security ssl": func(s *Settings) { s.Security = "ssl" },
		"no sender":    func(s *Settings) { s.From = "" },
	} {
		s := good
		change(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: valid", name)
		}
	}
}
