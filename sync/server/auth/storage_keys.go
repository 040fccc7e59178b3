package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// signingKey is the RSA key that signs ID tokens, generated at first start
// and kept in the database.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (k signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signingKey) Key() any                                    { return k.key }
func (k signingKey) ID() string                                  { return k.id }

// publicKey is the signing key as the key set publishes it.
type publicKey struct{ signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.key.PublicKey }

func loadSigningKey(ctx context.Context, db *sqlite.DB) (signingKey, error) {
	id, der, err := db.AuthKey(ctx, sqlite.KeyRSA, func() ([]byte, error) {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		return x509.MarshalPKCS8PrivateKey(k)
	})
	if err != nil {
		return signingKey{}, err
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	rk, ok := k.(*rsa.PrivateKey)
	if err != nil || !ok {
		return signingKey{}, fmt.Errorf("reading the stored signing key: %v", err)
	}
	return signingKey{id: id, key: rk}, nil
}

func loadSealingKey(ctx context.Context, db *sqlite.DB) (id string, key [32]byte, err error) {
	id, b, err := db.AuthKey(ctx, sqlite.KeyAES, func() ([]byte, error) {
		b := make([]byte, 32)
		_, err := rand.Read(b)
		return b, err
	})
	if err == nil && len(b) != 32 {
		err = fmt.Errorf("the stored sealing key has %d bytes, not 32", len(b))
	}
	copy(key[:], b)
	return id, key, err
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key}}, nil
}
