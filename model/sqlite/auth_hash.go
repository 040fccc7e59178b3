package sqlite

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// argonParams are the argon2id costs of new password hashes: OWASP's
// recommended minimum (19 MiB, 2 passes, 1 lane). Each hash records its
// own, so raising them later keeps old hashes readable.
type argonParams struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
}

var passwordCost = argonParams{memory: 19 * 1024, time: 2, threads: 1}

const argonKeyLen = 32

// hashPassword returns the argon2id hash of password in the PHC string
// format: $argon2id$v=19$m=...,t=...,p=...$salt$hash.
func hashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	p := passwordCost
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// passwordMatches compares password with a hash from hashPassword in
// constant time.
func passwordMatches(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("the stored password hash is not argon2id")
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return false, fmt.Errorf("reading the password hash parameters: %w", err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("reading the password salt: %w", err)
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("reading the password hash: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is compared against when the email is unknown, so that a wrong
// email takes as long as a wrong password and does not tell which it was.
var dummyHash = sync.OnceValue(func() string { return hashPassword("not a password anyone has") })
