package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestHeadcountByMonthCountsWhoWasCoveredOnTheFirst(t *testing.T) {
	d := model.MustDate
	spans := []model.CoverageSpan{
		{Subscriber: true, Effective: d("2025-01-01")},                                // all along
		{Subscriber: false, Effective: d("2025-01-01"), Termination: d("2025-02-28")}, // gone by March
		{Subscriber: true, Effective: d("2025-02-15")},                                // from March's count
		{Subscriber: true, Effective: d("2025-03-01"), Termination: d("2025-03-01")},  // one day, counted on it
	}
	got := model.HeadcountByMonth(spans, d("2025-03-20"), 3)
	want := []model.HeadcountPoint{
		{Month: d("2025-01-01"), Subscribers: 1, Members: 2},
		{Month: d("2025-02-01"), Subscribers: 1, Members: 2},
		{Month: d("2025-03-01"), Subscribers: 3, Members: 3},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d months, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("month %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
