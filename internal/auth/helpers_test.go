package auth

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// rehash builds a PHC string with the given memory and time parameters.
func rehash(pw string, salt []byte, memory, time uint32) string {
	key := argon2.IDKey([]byte(pw), salt, time, memory, 1, 32)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=1$%s$%s", memory, time, b64.EncodeToString(salt), b64.EncodeToString(key))
}
