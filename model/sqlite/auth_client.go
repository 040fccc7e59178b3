package sqlite

import (
	"context"
)

// OAuthClient is an application registered with the account service.
type OAuthClient struct {
	ID   string
	Name string
	// Native clients run on the user's machine (RFC 8252): public, no
	// secret, loopback redirects on any port.
	Native       bool
	RedirectURIs []string
	GrantTypes   []string
	Scopes       []string // allowed scopes beyond OpenID's
}

// OAuthClient returns a registered client.
func (db *DB) OAuthClient(ctx context.Context, id string) (OAuthClient, error) {
	c := OAuthClient{ID: id}
	var appType string
	err := db.read.QueryRowContext(ctx, `SELECT name, app_type, redirect_uris, grant_types, scopes FROM oauth_clients WHERE id = ?`, id).
		Scan(&c.Name, &appType, listCol{&c.RedirectURIs}, listCol{&c.GrantTypes}, listCol{&c.Scopes})
	c.Native = appType == "native"
	return c, notFound(err, "There is no application "+id+".")
}
