// Package e2e holds GroupDesk's end-to-end tests of sync and their
// benchmarks: a real accountd binary on loopback over its own SQLite file,
// desktops with their own SQLite files signed in through the real OAuth
// flow, and the groupdesk binary's sync command for the crash tests. The
// package has no code of its own; everything is in its _test files.
//
//	go test -tags sqlite_fts5 ./sync/e2e
//	go test -tags sqlite_fts5 -run '^$' -bench . ./sync/e2e
package e2e
