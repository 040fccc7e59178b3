// Package auth is the OAuth 2.0 authorization server of accountd, built on
// zitadel/oidc's op package over the GroupDesk database: the authorization
// code flow with PKCE (S256 only) and loopback redirects for the desktop
// (RFC 8252), the device authorization grant (RFC 8628), rotating refresh
// tokens with reuse detection, revocation (RFC 7009) and metadata (RFC
// 8414); and the service's pages: sign-in, device-code entry, the group
// officer's designation of the Primary Group Administrator, and
// registration with an access code.
//
// It imports model, model/sqlite and its OAuth libraries; never the UI.
// Passwords and tokens are never logged.
package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"time"

	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Config configures the authorization server.
type Config struct {
	// Issuer is the service's base URL, e.g. https://accounts.example.
	Issuer string
	DB     *sqlite.DB
	// Now is the service's clock; nil means the database's (DB.Now), which
	// the store's own checks (expiry of codes and tokens, lockouts) use.
	Now    func() time.Time
	Logger *slog.Logger
	// AllowInsecureIssuer allows an http issuer on a loopback address.
	AllowInsecureIssuer bool
	// DevicePollInterval is how often a device may poll (default 5 s).
	DevicePollInterval time.Duration
}

// Server is the authorization server.
type Server struct {
	cfg      Config
	db       *sqlite.DB
	log      *slog.Logger
	provider *op.Provider
	pages    pages
}

// New opens the authorization server, generating its keys on first start.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if err := checkIssuer(cfg.Issuer, cfg.AllowInsecureIssuer); err != nil {
		return nil, err
	}
	if cfg.DB == nil {
		return nil, errors.New("the authorization server needs a database")
	}
	if cfg.Now == nil {
		cfg.Now = cfg.DB.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, db: cfg.DB, log: cfg.Logger}
	var err error
	if s.provider, err = newProvider(ctx, cfg); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	return s, nil
}

func checkIssuer(issuer string, insecure bool) error {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("the issuer %q is not an http(s) URL", issuer)
	}
	if u.Scheme == "http" {
		ip := net.ParseIP(u.Hostname())
		if !insecure || ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("the issuer %s must use https (http is allowed on a loopback address only, for tests and local use)", issuer)
		}
	}
	return nil
}

// Endpoints of the service, relative to the issuer.
const (
	pathAuthorize  = "/oauth/authorize"
	pathToken      = "/oauth/token"
	pathRevoke     = "/oauth/revoke"
	pathDeviceAuth = "/oauth/device_authorization"
	pathKeys       = "/oauth/keys"
	pathUserinfo   = "/oauth/userinfo"
	pathIntrospect = "/oauth/introspect"
	pathEndSession = "/oauth/end_session"
	pathDevicePage = "/device"
	pathRegister   = "/register"
)

func newProvider(ctx context.Context, cfg Config) (*op.Provider, error) {
	key, err := loadSigningKey(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	sealID, seal, err := loadSealingKey(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	poll := cfg.DevicePollInterval
	if poll <= 0 {
		poll = 5 * time.Second
	}
	conf := &op.Config{
		CryptoKey: seal, CryptoKeyId: sealID, CodeMethodS256: true, GrantTypeRefreshToken: true,
		SupportedUILocales: []language.Tag{language.AmericanEnglish},
		DeviceAuthorization: op.DeviceAuthorizationConfig{Lifetime: 10 * time.Minute, PollInterval: poll,
			UserFormPath: pathDevicePage, UserCode: op.UserCodeBase20},
	}
	opts := []op.Option{
		// AES-GCM only: op's default also tries unauthenticated AES-CFB,
		// which "decrypts" any string to garbage.
		op.WithCrypto(op.NewAES256GCMCrypto(seal, sealID)),
		op.WithCustomAuthEndpoint(op.NewEndpoint(pathAuthorize)),
		op.WithCustomTokenEndpoint(op.NewEndpoint(pathToken)),
		op.WithCustomRevocationEndpoint(op.NewEndpoint(pathRevoke)),
		op.WithCustomDeviceAuthorizationEndpoint(op.NewEndpoint(pathDeviceAuth)),
		op.WithCustomKeysEndpoint(op.NewEndpoint(pathKeys)),
		op.WithCustomUserinfoEndpoint(op.NewEndpoint(pathUserinfo)),
		op.WithCustomIntrospectionEndpoint(op.NewEndpoint(pathIntrospect)),
		op.WithCustomEndSessionEndpoint(op.NewEndpoint(pathEndSession)),
	}
	if cfg.AllowInsecureIssuer {
		opts = append(opts, op.WithAllowInsecure())
	}
	return op.NewProvider(conf, &storage{db: cfg.DB, key: key, now: cfg.Now}, op.StaticIssuer(cfg.Issuer), opts...)
}
