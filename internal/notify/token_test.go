package notify

import (
	"context"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

func TestUnsubscribeToken(t *testing.T) {
	key := []byte("a key of thirty-two bytes, or so")
	token := UnsubscribeToken(key, 42)
	if strings.Trim(token, "0123456789.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != "" {
		t.Errorf("token %q is not URL-safe", token)
	}
	id, err := CheckUnsubscribe(key, token)
	if err != nil || id != 42 {
		t.Fatalf("CheckUnsubscribe(own token) = %d, %v; want 42, nil", id, err)
	}
	_, mac, _ := strings.Cut(token, ".")
	for name, bad := range map[string]string{
		"empty":         "",
		"no signature":  "42",
		"no id":         "." + mac,
		"other id":      "43." + mac,
		"leading zero":  "042." + mac,
		"negative":      "-42." + mac,
		"zero":          "0." + UnsubscribeToken(key, 0)[2:],
		"not a number":  "x." + mac,
		"cut signature": token[:len(token)-1],
		"other key":     UnsubscribeToken([]byte("another key"), 42),
		"extra dot":     token + ".1",
	} {
		t.Run(name, func(t *testing.T) {
			id, err := CheckUnsubscribe(key, bad)
			if herald.ErrorCode(err) != herald.EINVALID || id != 0 {
				t.Errorf("CheckUnsubscribe(%q) = %d, %v; want 0 and an invalid error", bad, id, err)
			}
			if msg := herald.ErrorMessage(err); !strings.Contains(msg, "unsubscribe link") {
				t.Errorf("message %q does not say what is wrong", msg)
			}
		})
	}
}

func TestUnsubscribeURL(t *testing.T) {
	key := []byte("k")
	got := UnsubscribeURL("https://news.example.com/", key, 7)
	want := "https://news.example.com/comments/unsubscribe/?token=" + UnsubscribeToken(key, 7)
	if got != want {
		t.Errorf("UnsubscribeURL = %q, want %q", got, want)
	}
}

func TestKey(t *testing.T) {
	s := newFakeStore()
	k1, err := Key(context.Background(), s)
	if err != nil || len(k1) != 32 {
		t.Fatalf("Key = %x, %v; want 32 bytes", k1, err)
	}
	k2, err := Key(context.Background(), s)
	if err != nil || string(k1) != string(k2) {
		t.Errorf("Key again = %x, %v; want the same key %x", k2, err, k1)
	}
}
