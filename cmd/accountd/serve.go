package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/server"
	"github.com/groupdesk/groupdesk/sync/server/auth"
)

func version() string { return groupdesk.Version() }

// options are the flags of the service.
type options struct {
	db, addr, issuer, cert, key string
}

func parseServe(args []string, errOut io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("accountd", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&o.db, "db", "", "the service's database: an SQLite file (created if missing) or postgres://USER@HOST[:PORT]/DB")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8443", "the address to listen on")
	fs.StringVar(&o.issuer, "issuer", "", "the service's public base URL (default: derived from --addr)")
	fs.StringVar(&o.cert, "tls-cert", "", "TLS certificate (PEM); required off loopback")
	fs.StringVar(&o.key, "tls-key", "", "TLS private key (PEM)")
	if err := fs.Parse(args); err != nil {
		return o, errUsage
	}
	if o.db == "" {
		fmt.Fprintln(errOut, "accountd: --db PATH is required")
		return o, errUsage
	}
	if (o.cert == "") != (o.key == "") {
		fmt.Fprintln(errOut, "accountd: --tls-cert and --tls-key go together")
		return o, errUsage
	}
	if o.cert == "" && !isLoopback(o.addr) {
		return o, model.Errorf(model.EINVALID, "refusing to listen on %s without TLS: give --tls-cert and --tls-key, or listen on 127.0.0.1", o.addr)
	}
	if o.issuer == "" {
		scheme := "http"
		if o.cert != "" {
			scheme = "https"
		}
		o.issuer = scheme + "://" + o.addr
	}
	return o, nil
}

// isLoopback reports whether addr (host:port) is on this machine only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func serve(ctx context.Context, args []string, out, errOut io.Writer) error {
	o, err := parseServe(args, errOut)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(errOut, nil))
	// The OAuth library logs through the default logger: the same log.
	slog.SetDefault(log)
	h, db, err := newService(ctx, o.db, o.issuer, log)
	if err != nil {
		return err
	}
	defer db.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(out, "accountd %s listening on %s (issuer %s, database %s)\n", version(), ln.Addr(), o.issuer, db.Path)
	if o.cert != "" {
		err = srv.ServeTLS(ln, o.cert, o.key)
	} else {
		err = srv.Serve(ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// newService opens the database and builds the whole HTTP service: the
// sync API under /v1 and the authorization server beside it.
func newService(ctx context.Context, dbPath, issuer string, log *slog.Logger) (http.Handler, *sqlite.DB, error) {
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := sqlite.OpenServer(sys, dbPath)
	if err != nil {
		return nil, nil, err
	}
	as, err := auth.New(sys, auth.Config{Issuer: issuer, DB: db, Logger: log, AllowInsecureIssuer: isLoopbackURL(issuer)})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	// Mail queued while the service was down (or by accountd demo) goes
	// out now.
	if err := as.DeliverMail(sys); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("delivering the pending mail: %w", err)
	}
	api := &server.Server{DB: db, Auth: as, Logger: log, Fallback: as.Handler(), Inviter: as}
	return api.Handler(), db, nil
}

// systemPrincipal is the service acting on its own behalf.
var systemPrincipal = &model.Principal{UserID: "accountd", Name: "Account service", System: true}

func isLoopbackURL(u string) bool {
	rest := strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	host := strings.SplitN(rest, "/", 2)[0]
	if !strings.Contains(host, ":") {
		host += ":80"
	}
	return isLoopback(host)
}

var errUsage = errors.New("usage")

func exit(err error, errOut io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(errOut, "accountd:", model.ErrorMessage(err))
	if model.ErrorCode(err) == model.EINTERNAL {
		fmt.Fprintln(errOut, "  ", err)
	}
	return 1
}
