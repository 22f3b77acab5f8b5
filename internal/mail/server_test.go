package mail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/herald-news/herald/internal/certtest"
)

// delivery is one message a test server accepted.
type delivery struct {
	From, To string
	Data     []byte
}

// testServer is a real SMTP server on a loopback port that keeps what it
// is sent, or refuses recipients with a chosen reply.
type testServer struct {
	Addr     string
	Port     int
	User     string // AUTH PLAIN required when set
	Password string
	Roots    *x509.CertPool // trusts the server's certificate

	mu     sync.Mutex
	got    []delivery
	refuse *smtp.SMTPError
}

// startServer starts an SMTP server speaking security sec: TLS from the
// first byte, STARTTLS offered, or plain text.
func startServer(t *testing.T, sec Security, user, password string) *testServer {
	t.Helper()
	cert, roots := selfSigned(t)
	ts := &testServer{User: user, Password: password, Roots: roots}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: ts}, nil
	}))
	s.Domain = "localhost"
	s.ErrorLog = log.New(io.Discard, "", 0) // clients the tests make fail hang up rudely
	s.AllowInsecureAuth = sec == SecurityNone
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{cert}}
	var l net.Listener
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	switch sec {
	case SecurityTLS:
		l = tls.NewListener(l, tlsConfig)
	case SecurityStartTLS:
		s.TLSConfig = tlsConfig
	}
	ts.Addr = l.Addr().String()
	_, port, _ := net.SplitHostPort(ts.Addr)
	ts.Port, _ = strconv.Atoi(port)
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return ts
}

// settings returns client settings for the server.
func (ts *testServer) settings(sec Security) Settings {
	return Settings{
		Host: "127.0.0.1", Port: ts.Port, User: ts.User, Password: ts.Password, Security: sec,
		From:      "Herald <news@herald.test>",
		TLSConfig: &tls.Config{RootCAs: ts.Roots, ServerName: "127.0.0.1"},
		Timeout:   10 * time.Second,
	}
}

// refuseWith makes the server answer every RCPT with e; nil accepts again.
func (ts *testServer) refuseWith(e *smtp.SMTPError) {
	ts.mu.Lock()
	ts.refuse = e
	ts.mu.Unlock()
}

// delivered returns the messages accepted so far.
func (ts *testServer) delivered() []delivery {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]delivery(nil), ts.got...)
}

// session is one SMTP conversation with the test server.
type session struct {
	srv    *testServer
	authed bool
	from   string
	to     string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != s.srv.User || password != s.srv.Password {
			return &smtp.SMTPError{Code: 535, Message: "bad credentials"}
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.User != "" && !s.authed {
		return &smtp.SMTPError{Code: 530, Message: "authentication required"}
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.refuse != nil {
		return s.srv.refuse
	}
	s.to = to
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if s.to == "" {
		return errors.New("no recipient")
	}
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, delivery{From: s.from, To: s.to, Data: data})
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", "" }
func (s *session) Logout() error { return nil }

// selfSigned returns a certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	certFile, keyFile, leaf := certtest.Write(t, t.TempDir(), 1)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	return cert, roots
}
