package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestFileSizesTheVaultRefusesSayWhy(t *testing.T) {
	for _, tc := range []struct {
		name  string
		size  int64
		limit int64
		want  string // "" when taken
	}{
		{"a one-byte file is taken", 1, 0, ""},
		{"a file at the limit is taken", 25 * model.MB, 0, ""},
		{"an empty file is refused", 0, 0, "scan.pdf is empty (0 bytes)"},
		{"a file over the default limit is refused with both sizes", 31_200_000, 0, "scan.pdf is 31.2 MB, over the vault's limit of 25 MB"},
		{"a lower limit set in Settings applies", 2_500_000, 2 * model.MB, "over the vault's limit of 2 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := model.CheckFileSize("scan.pdf", tc.size, tc.limit)
			if tc.want == "" && err != nil || tc.want != "" && !strings.Contains(model.ErrorMessage(err), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSizesReadAsFileManagersShowThem(t *testing.T) {
	for n, want := range map[int64]string{812: "812 bytes", 48_200: "48.2 KB", 25_000_000: "25 MB", 1_500_000_000: "1.5 GB"} {
		if got := model.FormatBytes(n); got != want {
			t.Errorf("%d bytes: %q, want %q", n, got, want)
		}
	}
}

func TestADocumentNeedsATitleAKindAndAFileWithItsHash(t *testing.T) {
	d := model.Document{Title: " ", Kind: "diploma", Files: []model.DocumentFile{{Name: "x.pdf", Size: 3, SHA256: "ABC"}}}
	err := d.Validate()
	var me *model.Error
	if !errors.As(err, &me) || len(me.Details) != 3 {
		t.Fatalf("got %v", err)
	}
}

func TestTagsAreTrimmedAndKeptOnce(t *testing.T) {
	got := model.ParseTags(" signed, 2026;Signed ,, board ")
	if strings.Join(got, "|") != "signed|2026|board" {
		t.Fatalf("got %q", got)
	}
}

func TestAGroupWithoutAnArbitrationAgreementIsWarnedAbout(t *testing.T) {
	groups := []model.GroupSummary{{Group: model.Group{ID: "a", Name: "Acme"}}, {Group: model.Group{ID: "b", Name: "Bayview"}}}
	kinds := map[string]map[model.DocumentKind]bool{"a": {model.DocArbitration: true}, "b": {model.DocWaiver: true}}
	got := model.ArbitrationAlerts(groups, kinds)
	if len(got) != 1 || got[0].GroupID != "b" || got[0].Kind != model.AlertArbitrationMissing || got[0].Severity != model.SeverityWarning {
		t.Fatalf("got %+v", got)
	}
}
