package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"
	"time"
)

// Message is one plain-text email, before it is encoded.
type Message struct {
	From    string // "Name <address>" or a bare address
	To      string // one recipient, "Name <address>" or a bare address
	Subject string // any UTF-8 text; encoded as RFC 2047 words when not ASCII
	Text    string // the plain-text body, any line endings

	// Unsubscribe is a one-click unsubscribe URL; when set the message
	// carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
	Unsubscribe string

	// Headers are further headers, such as Reply-To or Auto-Submitted.
	// Names and values must not contain line breaks.
	Headers map[string]string

	Date      time.Time // the Date header
	MessageID string    // "<…@…>"; a random one when empty
}

// reserved are the headers Build writes itself; Headers may not set them.
var reserved = map[string]bool{
	"From": true, "To": true, "Subject": true, "Date": true, "Message-Id": true,
	"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true,
	"List-Unsubscribe": true, "List-Unsubscribe-Post": true,
}

// Build encodes m as an RFC 5322 message with CRLF line endings: UTF-8
// text in quoted-printable, encoded subject and display names.
func Build(m Message) ([]byte, error) {
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("mail: from %q: %w", m.From, err)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("mail: to %q: %w", m.To, err)
	}
	if m.MessageID == "" {
		m.MessageID = newMessageID(from.Address)
	}
	var b bytes.Buffer
	header := func(name, value string) { writeHeader(&b, name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject)))
	header("Date", m.Date.Format(time.RFC1123Z))
	header("Message-ID", m.MessageID)
	if m.Unsubscribe != "" {
		if err := checkHeader("List-Unsubscribe", m.Unsubscribe); err != nil {
			return nil, err
		}
		header("List-Unsubscribe", "<"+m.Unsubscribe+">")
		header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	if err := extraHeaders(&b, m.Headers); err != nil {
		return nil, err
	}
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	if err := writeBody(&b, m.Text); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeHeader writes one header field, folded at spaces so that lines
// stay within 78 characters where the words allow.
func writeHeader(b *bytes.Buffer, name, value string) {
	line := len(name) + 1
	b.WriteString(name + ":")
	for _, word := range strings.Split(value, " ") {
		if line+1+len(word) > 78 && line > len(name)+1 {
			b.WriteString("\r\n")
			line = 0
		}
		b.WriteString(" " + word)
		line += 1 + len(word)
	}
	b.WriteString("\r\n")
}

// extraHeaders writes headers in a stable order, refusing those Build
// writes itself and any that would break the header block.
func extraHeaders(b *bytes.Buffer, headers map[string]string) error {
	names := make([]string, 0, len(headers))
	for name := range headers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		value := headers[name]
		canon := textproto.CanonicalMIMEHeaderKey(name)
		if reserved[canon] {
			return fmt.Errorf("mail: header %s is set by the mailer", name)
		}
		if !validName(name) {
			return fmt.Errorf("mail: header name %q is not valid", name)
		}
		if err := checkHeader(name, value); err != nil {
			return err
		}
		writeHeader(b, name, mime.QEncoding.Encode("utf-8", value))
	}
	return nil
}

// writeBody writes text as quoted-printable with CRLF line endings.
func writeBody(b *bytes.Buffer, text string) error {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	w := quotedprintable.NewWriter(b)
	if _, err := w.Write([]byte(text)); err != nil {
		return fmt.Errorf("mail: encoding the body: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: encoding the body: %w", err)
	}
	return nil
}

// newMessageID returns a random Message-ID in the domain of address.
func newMessageID(address string) string {
	domain := "localhost"
	if i := strings.LastIndexByte(address, '@'); i >= 0 && i < len(address)-1 {
		domain = address[i+1:]
	}
	var r [16]byte
	_, _ = rand.Read(r[:]) // crypto/rand.Read never fails
	return "<" + hex.EncodeToString(r[:]) + "@" + domain + ">"
}

// errHeaderBreak reports a header value that holds a line break.
var errHeaderBreak = errors.New("contains a line break")

// checkHeader refuses a value that would end the header early (header
// injection).
func checkHeader(name, value string) error {
	if strings.ContainsAny(value, "\r\n") {
		return fmt.Errorf("mail: header %s: %w", name, errHeaderBreak)
	}
	return nil
}

// oneLine joins the lines of s with spaces, so a subject is one header line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// validName reports whether name is an RFC 5322 field name.
func validName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c > '~' || c == ':' {
			return false
		}
	}
	return true
}

// parseAddress returns the bare address of "Name <address>" or "address".
func parseAddress(s string) (string, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", err
	}
	return a.Address, nil
}
