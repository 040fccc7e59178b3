package model

import (
	"strings"
	"time"
)

// EntityDocument names the documents of a group's vault in the audit log,
// the outbox and the change feed. The file content travels apart, in
// chunks, named by its SHA-256.
const EntityDocument = "document"

// DocumentKind is what a document is.
type DocumentKind string

const (
	DocArbitration    DocumentKind = "arbitration_agreement"
	DocAmendment      DocumentKind = "contract_amendment"
	DocSBC            DocumentKind = "summary_of_benefits_and_coverage"
	DocEnrollmentForm DocumentKind = "enrollment_form"
	DocWaiver         DocumentKind = "waiver"
	DocWageReport     DocumentKind = "wage_report"
	DocBrokerOfRecord DocumentKind = "broker_of_record_authorization"
	DocLifeEventProof DocumentKind = "proof_of_life_event"
	DocInvoice        DocumentKind = "invoice"
	DocOther          DocumentKind = "other"
)

// DocumentKinds lists the kinds in the order pickers show them.
var DocumentKinds = []DocumentKind{DocArbitration, DocAmendment, DocSBC, DocEnrollmentForm, DocWaiver,
	DocWageReport, DocBrokerOfRecord, DocLifeEventProof, DocInvoice, DocOther}

// Label is the kind for people.
func (k DocumentKind) Label() string {
	switch k {
	case DocArbitration:
		return "Arbitration agreement"
	case DocAmendment:
		return "Contract amendment"
	case DocSBC:
		return "Summary of benefits and coverage"
	case DocEnrollmentForm:
		return "Enrollment form"
	case DocWaiver:
		return "Waiver"
	case DocWageReport:
		return "Wage report"
	case DocBrokerOfRecord:
		return "Broker of record authorization"
	case DocLifeEventProof:
		return "Proof of life event"
	case DocInvoice:
		return "Invoice"
	case DocOther:
		return "Other"
	}
	return string(k)
}

// DocumentKindByLabel finds a kind from its label or its name.
func DocumentKindByLabel(s string) (DocumentKind, bool) {
	for _, k := range DocumentKinds {
		if strings.EqualFold(s, k.Label()) || strings.EqualFold(s, string(k)) {
			return k, true
		}
	}
	return "", false
}

// LinkKind is what a document can be linked to.
type LinkKind string

const (
	LinkMember      LinkKind = "member"
	LinkApplication LinkKind = "application"
	LinkRenewal     LinkKind = "renewal"
	LinkLifeEvent   LinkKind = "life_event"
)

// LinkKinds lists the link kinds in the order pickers show them.
var LinkKinds = []LinkKind{LinkMember, LinkApplication, LinkRenewal, LinkLifeEvent}

// Label is the link kind for people.
func (k LinkKind) Label() string {
	switch k {
	case LinkMember:
		return "Member"
	case LinkApplication:
		return "Enrollment application"
	case LinkRenewal:
		return "Renewal"
	case LinkLifeEvent:
		return "Life event"
	}
	return string(k)
}

// DocumentLink ties a document to a record. Label names the record as it
// was when linked (a member's name), so that search finds the document by
// it and the link reads well where the record is not at hand.
type DocumentLink struct {
	Kind  LinkKind `json:"kind"`
	ID    string   `json:"id"`
	Label string   `json:"label"`
}

// DocumentFile is one version of a document's file.
type DocumentFile struct {
	Name    string    `json:"name"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"` // lowercase hex
	AddedAt time.Time `json:"added_at"`
	AddedBy string    `json:"added_by"`
}

// Document is an entry of a group's vault: what it is, its file (every
// version of it, the current one last), and what it is about.
type Document struct {
	ID        string         `json:"id"`
	GroupID   string         `json:"group_id"`
	Kind      DocumentKind   `json:"kind"`
	Title     string         `json:"title"`
	Tags      []string       `json:"tags,omitempty"`
	Links     []DocumentLink `json:"links,omitempty"`
	Files     []DocumentFile `json:"files"`
	Version   int64          `json:"version"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// File is the current version of the document's file.
func (d *Document) File() DocumentFile {
	if len(d.Files) == 0 {
		return DocumentFile{}
	}
	return d.Files[len(d.Files)-1]
}

// LinkedTo reports whether the document is linked to the record.
func (d *Document) LinkedTo(kind LinkKind, id string) bool {
	for _, l := range d.Links {
		if l.Kind == kind && l.ID == id {
			return true
		}
	}
	return false
}

// Link adds a link (once).
func (d *Document) Link(l DocumentLink) {
	if !d.LinkedTo(l.Kind, l.ID) {
		d.Links = append(append([]DocumentLink(nil), d.Links...), l)
	}
}

// Unlink removes a link.
func (d *Document) Unlink(kind LinkKind, id string) {
	var out []DocumentLink
	for _, l := range d.Links {
		if l.Kind != kind || l.ID != id {
			out = append(out, l)
		}
	}
	d.Links = out
}

// Validate checks the fields and the file list of a document.
func (d *Document) Validate() error {
	var p Problems
	d.Title = strings.TrimSpace(d.Title)
	if d.Title == "" {
		p.Add("title", "give the document a title")
	}
	if _, ok := DocumentKindByLabel(string(d.Kind)); !ok {
		p.Add("kind", "%q is not a kind of document", d.Kind)
	}
	if len(d.Files) == 0 {
		p.Add("file", "a document needs its file")
	}
	for _, f := range d.Files {
		if !ValidSHA256(f.SHA256) || f.Size <= 0 {
			p.Add("file", "the file %q has no valid size and SHA-256", f.Name)
		}
	}
	for _, l := range d.Links {
		if l.ID == "" || l.Kind.Label() == string(l.Kind) {
			p.Add("links", "a link needs a kind (member, application, renewal, life event) and a record")
		}
	}
	d.Tags = CleanTags(d.Tags)
	return p.Err()
}

// CleanTags trims tags, drops empty and repeated ones (ignoring case).
func CleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// ParseTags reads tags typed as "signed, 2026; board".
func ParseTags(s string) []string {
	return CleanTags(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }))
}

// ValidSHA256 reports whether s is a SHA-256 in lowercase hex.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}
