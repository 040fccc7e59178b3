package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
)

// TestScreensKeepTheirKeyWhenAnotherIsHidden: a user who may not see the
// Billing screen still reaches Members with Ctrl+4 and every other screen
// with its own key, as the README and the shortcut sheet say; the key of a
// hidden screen does nothing.
func TestScreensKeepTheirKeyWhenAnotherIsHidden(t *testing.T) {
	s, _, w := newTestShell(t)
	s.deps.Ctx = model.WithPrincipal(s.baseCtx, &model.Principal{UserID: "u", Name: "Pat Lee",
		Grants: map[string]model.Role{s.group.ID: model.RoleMembership}})
	s.refreshNav()
	if s.ShowScreen("Billing") {
		t.Fatal("a Membership user sees the Billing screen")
	}
	visible := map[string]bool{}
	for _, sc := range s.screens {
		visible[sc.title()] = true
	}
	sheet := s.shortcutSheet()
	for i, sc := range s.all {
		key := screenKeys[i]
		s.ShowScreen("Home")
		triggerShortcut(t, w, key)
		want := sc.title()
		if !visible[want] {
			want = "Home"
			if strings.Contains(sheet, "Show "+sc.title()) {
				t.Errorf("the sheet lists the hidden %s", sc.title())
			}
		} else if !strings.Contains(sheet, modKey()+"+"+string(key)+"\tShow "+want) {
			t.Errorf("the sheet does not list Ctrl+%s for %s", key, want)
		}
		if s.CurrentScreen() != want {
			t.Errorf("Ctrl+%s shows %s, want %s", key, s.CurrentScreen(), want)
		}
	}
	triggerShortcut(t, w, fyne.Key4)
	if len(s.screens) == len(s.all) || s.CurrentScreen() != "Members" {
		t.Fatalf("%d of %d screens shown; Ctrl+4 shows %s", len(s.screens), len(s.all), s.CurrentScreen())
	}
}

// TestTheReadmeGivesEachScreenItsKey: the README's "Using the app" names the
// key of every screen as the window has it.
func TestTheReadmeGivesEachScreenItsKey(t *testing.T) {
	s, _, _ := newTestShell(t)
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, using, _ := strings.Cut(string(b), "## Using the app")
	using, _, _ = strings.Cut(using, "\n## ")
	using = strings.Join(strings.Fields(using), " ")
	for _, sc := range s.all {
		key, ok := s.screenKey(sc)
		if !ok {
			t.Fatalf("%s has no key", sc.title())
		}
		if want := "`Ctrl+" + string(key) + "` " + sc.title(); !strings.Contains(using, want) {
			t.Errorf("the README's Using the app does not say %s", want)
		}
	}
}

// TestEveryKeyTheTourAndTutorialsNameIsOnTheSheet: a key named in the tour
// or a tutorial is one the window has, listed on the shortcut sheet.
func TestEveryKeyTheTourAndTutorialsNameIsOnTheSheet(t *testing.T) {
	s, _, _ := newTestShell(t)
	sheet := s.shortcutSheet()
	var texts []string
	for _, st := range tourSteps {
		texts = append(texts, st.text)
	}
	files, _ := filepath.Glob("help/tutorials/*.md")
	if len(files) < 5 {
		t.Fatalf("%d tutorials found", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	named := 0
	for _, text := range texts {
		for _, m := range regexp.MustCompile(`Ctrl\+(\S)`).FindAllStringSubmatch(text, -1) {
			named++
			if !strings.Contains(sheet, modKey()+"+"+strings.ToUpper(m[1])+"\t") {
				t.Errorf("Ctrl+%s is named but not on the sheet:\n%s", m[1], sheet)
			}
		}
	}
	if named < 5 {
		t.Fatalf("only %d keys named", named)
	}
}
