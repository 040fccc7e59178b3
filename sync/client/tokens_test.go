package client_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"github.com/zalando/go-keyring"
	"golang.org/x/oauth2"
)

func login(t *testing.T, env *authtest.Env) *oauth2.Token {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := client.LoginLoopback(ctx, env.URL, func(u string) error {
		return authtest.SignInWithForm(u, authtest.Email, authtest.Password)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestTokenStoreUsesTheKeychain(t *testing.T) {
	keyring.MockInit()
	s := client.NewTokenStore(t.TempDir(), "https://accounts.example")
	warning, err := s.Save("gdr_secret")
	if err != nil || warning != "" {
		t.Fatalf("save: %q %v", warning, err)
	}
	if _, err := os.Stat(s.File()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the token was written to disk although there is a keychain")
	}
	if got, err := s.Load(); got != "gdr_secret" || err != nil {
		t.Fatalf("load: %q %v", got, err)
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}
}

func TestTokenStoreFallsBackToAPrivateFile(t *testing.T) {
	keyring.MockInitWithError(errors.New("no Secret Service on the session bus"))
	s := client.NewTokenStore(t.TempDir(), "https://accounts.example")
	warning, err := s.Save("gdr_secret")
	if err != nil {
		t.Fatal(err)
	}
	want := "No system keychain is available; GroupDesk keeps your sign-in in " + s.File() + ", readable only by you."
	if warning != want {
		t.Fatalf("warning %q", warning)
	}
	info, err := os.Stat(s.File())
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", info, err)
	}
	if got, _ := s.Load(); got != "gdr_secret" {
		t.Fatalf("load: %q", got)
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.File()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the file outlived the sign-out")
	}
}

func TestTokenSourceSavesEachRotatedRefreshToken(t *testing.T) {
	env := authtest.Start(t)
	first := login(t, env)
	var saved []string
	fail := false
	save := func(r string) error {
		if fail {
			return errors.New("disk full")
		}
		saved = append(saved, r)
		return nil
	}
	expired := *first
	expired.Expiry = time.Now().Add(-time.Minute)
	src, err := client.NewTokenSource(context.Background(), env.URL, &expired, save)
	if err != nil {
		t.Fatal(err)
	}
	second, err := src.Token()
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || len(saved) != 1 || saved[0] != second.RefreshToken {
		t.Fatalf("saved %v, rotated to %.8s", saved, second.RefreshToken)
	}
	if !signedInAs(t, env, second) {
		t.Fatal("the refreshed access token does not work")
	}
	t.Run("an unsaved rotation holds the token back until it is saved", func(t *testing.T) {
		expired := *second
		expired.Expiry = time.Now().Add(-time.Minute)
		src, _ := client.NewTokenSource(context.Background(), env.URL, &expired, save)
		fail = true
		if _, err := src.Token(); err == nil || !strings.Contains(err.Error(), "saving your sign-in") {
			t.Fatalf("got %v", err)
		}
		fail = false
		third, err := src.Token()
		if err != nil || saved[len(saved)-1] != third.RefreshToken {
			t.Fatalf("after the disk recovered: %v", err)
		}
	})
	t.Run("a reused refresh token ends the sign-in", func(t *testing.T) {
		old := *first
		old.Expiry = time.Now().Add(-time.Minute)
		src, _ := client.NewTokenSource(context.Background(), env.URL, &old, save)
		if _, err := src.Token(); model.ErrorCode(err) != model.EUNAUTH {
			t.Fatalf("got %v", err)
		}
	})
	noTokensLogged(t, env, first, second)
}

func TestSignOutRevokes(t *testing.T) {
	keyring.MockInit()
	env := authtest.Start(t)
	tok := login(t, env)
	store := client.NewTokenStore(t.TempDir(), env.URL)
	if _, err := store.Save(tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if err := client.SignOut(context.Background(), store); err != nil {
		t.Fatal(err)
	}
	if signedInAs(t, env, tok) {
		t.Fatal("the access token still works after signing out")
	}
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Minute)
	src, _ := client.NewTokenSource(context.Background(), env.URL, &expired, func(string) error { return nil })
	if _, err := src.Token(); model.ErrorCode(err) != model.EUNAUTH {
		t.Fatalf("refresh after sign-out: %v", err)
	}
	if _, err := store.Load(); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("the store kept the sign-in: %v", err)
	}
}
