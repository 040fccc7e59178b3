package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func kinds(as []model.Alert) []model.AlertKind {
	var out []model.AlertKind
	for _, a := range as {
		out = append(out, a.Kind)
	}
	return out
}

func TestSortAlertsPutsTheMostUrgentFirst(t *testing.T) {
	d := model.MustDate
	as := []model.Alert{
		{Text: "undated warning", Severity: model.SeverityWarning},
		{Text: "info soon", Severity: model.SeverityInfo, Due: d("2026-07-01")},
		{Text: "urgent later", Severity: model.SeverityUrgent, Due: d("2026-07-05")},
		{Text: "warning dated", Severity: model.SeverityWarning, Due: d("2026-08-01")},
		{Text: "urgent sooner", Severity: model.SeverityUrgent, Due: d("2026-07-02")},
	}
	model.SortAlerts(as)
	want := []string{"urgent sooner", "urgent later", "warning dated", "undated warning", "info soon"}
	for i, w := range want {
		if as[i].Text != w {
			t.Fatalf("position %d: %q, want %q (all: %v)", i, as[i].Text, w, as)
		}
	}
}

func TestSeverityByDaysLeft(t *testing.T) {
	today := model.MustDate("2026-06-01")
	for _, tc := range []struct {
		name string
		due  string
		want model.Severity
	}{
		{"a day already past is urgent", "2026-05-30", model.SeverityUrgent},
		{"a week ahead is urgent", "2026-06-08", model.SeverityUrgent},
		{"eight days ahead is soon", "2026-06-09", model.SeverityWarning},
		{"thirty days ahead is soon", "2026-07-01", model.SeverityWarning},
		{"thirty-one days ahead is coming up", "2026-07-02", model.SeverityInfo},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.SeverityBy(today, model.MustDate(tc.due)); got != tc.want {
				t.Fatalf("got %s, want %s", got.Label(), tc.want.Label())
			}
		})
	}
}

func TestDatedAlertsLeavesOutUndatedOnesAndSortsByDay(t *testing.T) {
	as := []model.Alert{
		{Text: "b", Due: model.MustDate("2026-09-01")},
		{Text: "undated"},
		{Text: "a", Due: model.MustDate("2026-08-01")},
	}
	got := model.DatedAlerts(as)
	if len(got) != 2 || got[0].Text != "a" || got[1].Text != "b" {
		t.Fatalf("dated alerts: %v", got)
	}
}

func TestAlertKeysDifferByKindGroupSubjectAndDay(t *testing.T) {
	a := model.Alert{Kind: model.AlertAgingOut, GroupID: "g", SubjectID: "m", Due: model.MustDate("2026-01-02")}
	b := a
	b.Due = model.MustDate("2026-01-03")
	if a.Key() == b.Key() {
		t.Fatal("two days share a key")
	}
	if a.Key() != (model.Alert{Kind: model.AlertAgingOut, GroupID: "g", SubjectID: "m", Due: model.MustDate("2026-01-02"), Text: "other"}).Key() {
		t.Fatal("the key depends on the text")
	}
}
