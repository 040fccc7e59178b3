package model

import "context"

// DocumentQuery selects documents of a group: words of the title, kind,
// tags, file names or linked records' names (Search), a kind, or the
// documents linked to one record.
type DocumentQuery struct {
	GroupID  string
	Search   string
	Kind     DocumentKind
	LinkKind LinkKind
	LinkID   string
}

// NewFile is a file a person adds to the vault: its name and content.
type NewFile struct {
	Name    string
	Content []byte
}

// DocumentService keeps a group's document vault. Reading needs
// documents.view; adding, replacing, linking and deleting need
// documents.edit, and each is audited.
type DocumentService interface {
	Documents(ctx context.Context, q DocumentQuery) ([]Document, error)
	Document(ctx context.Context, id string) (Document, error)
	// AddDocument keeps a new document with its file (d.Files is filled in).
	AddDocument(ctx context.Context, d *Document, f NewFile) error
	// ReplaceFile adds a new version of the document's file.
	ReplaceFile(ctx context.Context, d *Document, f NewFile) error
	// UpdateDocument saves the title, kind, tags and links.
	UpdateDocument(ctx context.Context, d *Document) error
	DeleteDocument(ctx context.Context, d *Document) error
	// FileContent returns a file's content once it is on this computer.
	FileContent(ctx context.Context, groupID, sha256 string) ([]byte, error)
	// DocumentLimit is the largest file the vault takes, in bytes.
	DocumentLimit(ctx context.Context) (int64, error)
}
