package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

// UnsubscribePath is the site's address of the one-click unsubscribe
// handler; the link carries the token in its "token" parameter.
const UnsubscribePath = "/comments/unsubscribe/"

// secretName names the store secret signing unsubscribe tokens.
const secretName = "unsubscribe"

// Key returns the key signing unsubscribe tokens: a server secret made
// once and kept in the store, so that every process, the site and the
// newsroom sign and check alike.
func Key(ctx context.Context, s herald.SecretStore) ([]byte, error) {
	key, err := s.Secret(ctx, secretName, func() []byte {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		return b
	})
	if err != nil {
		return nil, err
	}
	return key, nil
}

// UnsubscribeToken returns the token of the one-click link that stops
// reply notifications for the author of comment commentID: "ID.MAC", made
// of digits and URL-safe base64. It does not expire, since an old email's
// link must keep working; it names only a comment, never an address.
func UnsubscribeToken(key []byte, commentID int64) string {
	id := strconv.FormatInt(commentID, 10)
	return id + "." + tokenMAC(key, id)
}

// CheckUnsubscribe returns the comment id a token made by UnsubscribeToken
// names, or an EINVALID error when the token is damaged or was not made
// with key.
func CheckUnsubscribe(key []byte, token string) (int64, error) {
	id, mac, ok := strings.Cut(token, ".")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return 0, herald.Errorf(herald.EINVALID, "This unsubscribe link is incomplete. Please open the whole link from the email.")
	}
	if !hmac.Equal([]byte(mac), []byte(tokenMAC(key, id))) {
		return 0, herald.Errorf(herald.EINVALID, "This unsubscribe link is not valid. Please open the whole link from the email.")
	}
	return n, nil
}

// UnsubscribeURL is the one-click unsubscribe link of comment commentID
// on the site at origin.
func UnsubscribeURL(origin string, key []byte, commentID int64) string {
	return strings.TrimRight(origin, "/") + UnsubscribePath + "?token=" + UnsubscribeToken(key, commentID)
}

// tokenMAC signs a comment id for unsubscribing.
func tokenMAC(key []byte, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("unsubscribe\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
