package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheApplicationWizardSavesADraftAndSubmitsOnceEveryCheckPasses(t *testing.T) {
	s, _, _ := newTestShell(t)
	if !s.ShowScreen("Applications") {
		t.Fatal("there is no Applications screen")
	}
	a := s.front.(*applicationsScreen)
	a.openWizard(&model.Application{})
	w := a.wizard
	for key, v := range map[string]string{"name": "Łódź Bakery LLC", "fein": "94-1234567", "industry": "Bakery",
		"line1": "1950 Broadway", "city": "Oakland", "state": "CA", "zip": "94612"} {
		w.fields[key].SetText(v)
	}
	w.goTo(1)
	w.fields["total"].SetText("3")
	w.fields["eligible"].SetText("3")
	w.saveDraft()
	if len(a.apps) != 1 || a.apps[0].Status != model.AppDraft || a.apps[0].Company.LegalName != "Łódź Bakery LLC" {
		t.Fatalf("after saving: %+v", a.apps)
	}

	dir := t.TempDir()
	censusPath := filepath.Join(dir, "census.csv")
	os.WriteFile(censusPath, []byte(strings.ReplaceAll(quoteCensusFile, "94103", "94612")), 0o600)
	w.goTo(2)
	w.loadCensus(censusPath)
	w.goTo(3)
	for _, o := range w.plans.Options {
		if strings.Contains(o, "CA-G80HMO") {
			w.plans.SetSelected([]string{o})
		}
	}
	w.goTo(4)
	for i := range w.app.Documents {
		doc := filepath.Join(dir, w.app.Documents[i].Kind+".pdf")
		os.WriteFile(doc, []byte("%PDF-1.4 "+doc), 0o600)
		if err := w.attach(i, doc); err != nil {
			t.Fatal(err)
		}
	}
	w.goTo(5)
	walk(w.checks, func(text string, _ bool) {
		if strings.HasPrefix(text, "✗") {
			t.Errorf("a check fails in review: %s", text)
		}
	})
	w.submit()
	got, err := s.quotes().Application(s.deps.Ctx, w.app.ID)
	if err != nil || got.Status != model.AppSubmitted || len(got.Census) != 5 || len(got.Documents) != 2 || len(got.Documents[0].SHA256) != 64 {
		t.Fatalf("submitted: %s, %d people, %d documents, %v", got.Status, len(got.Census), len(got.Documents), err)
	}
}
