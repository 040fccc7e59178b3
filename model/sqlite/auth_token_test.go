package sqlite

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestRefreshRotation(t *testing.T) {
	db, _, _, u := openAuthDB(t)
	ctx := context.Background()
	g := TokenGrant{UserID: u.ID, ClientID: "groupdesk-desktop", Scopes: []string{"sync", "offline_access"}}
	first, err := db.IssueTokens(ctx, g, true, "")
	mustNil(t, err)

	grant, err := db.RefreshGrant(ctx, first.Refresh)
	mustNil(t, err)
	second, err := db.IssueTokens(ctx, grant, true, first.Refresh)
	mustNil(t, err)
	if second.Refresh == first.Refresh || second.Refresh == "" {
		t.Fatal("the refresh token did not rotate")
	}
	if _, _, err := db.AccessTokenUser(ctx, second.Access); err != nil {
		t.Fatal(err)
	}

	_, err = db.RefreshGrant(ctx, first.Refresh)
	if err != errTokenReused {
		t.Fatalf("reuse: %v", err)
	}
	for name, tok := range map[string]string{"first access": first.Access, "second access": second.Access} {
		if _, _, err := db.AccessTokenUser(ctx, tok); model.ErrorCode(err) != model.EUNAUTH {
			t.Errorf("the %s token still works after the reuse: %v", name, err)
		}
	}
	if _, err := db.RefreshGrant(ctx, second.Refresh); err != errRefreshInvalid {
		t.Fatalf("the successor survived the reuse: %v", err)
	}
}

func TestRefreshRaceRevokesFamily(t *testing.T) {
	db, _, _, u := openAuthDB(t)
	ctx := context.Background()
	g := TokenGrant{UserID: u.ID, ClientID: "groupdesk-desktop"}
	first, err := db.IssueTokens(ctx, g, true, "")
	mustNil(t, err)
	// Both exchanges read the token before either marked it used.
	grant, err := db.RefreshGrant(ctx, first.Refresh)
	mustNil(t, err)
	winner, err := db.IssueTokens(ctx, grant, true, first.Refresh)
	mustNil(t, err)
	if _, err := db.IssueTokens(ctx, grant, true, first.Refresh); err != errTokenReused {
		t.Fatalf("second exchange: %v", err)
	}
	if _, _, err := db.AccessTokenUser(ctx, winner.Access); err == nil {
		t.Fatal("the winner's access token survived")
	}
}
