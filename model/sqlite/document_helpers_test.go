package sqlite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// vaultDB is a desktop database holding the renewal book (the Bayview
// group, Ada Nguyễn and her family), for the vault's tests.
func vaultDB(t *testing.T) *DB {
	t.Helper()
	db := openTestDB(t)
	must(t, db.Load(ownerCtx(), renewalBook(), nil))
	return db
}

// fileOf is a file of n bytes whose content depends on seed.
func fileOf(name string, n int, seed byte) model.NewFile {
	b := bytes.Repeat([]byte{seed, seed + 1, seed + 2, '\n'}, n/4+1)[:n]
	return model.NewFile{Name: name, Content: b}
}

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// addDoc adds a document of a kind with a file to the Bayview group.
func addDoc(t *testing.T, db *DB, title string, kind model.DocumentKind, f model.NewFile) model.Document {
	t.Helper()
	d := model.Document{GroupID: renewalGroup, Kind: kind, Title: title}
	must(t, db.AddDocument(ownerCtx(), &d, f))
	return d
}
