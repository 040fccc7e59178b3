package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// testRules is the rules table the migration seeds: the federal minimums,
// and California small group's 60 days for every event.
func testRules() *model.Rules {
	rs := &model.Rules{Retro: []model.RetroRule{{Limit: model.RetroCurrentMonth}, {Carrier: "QC", Limit: model.RetroNone},
		{State: "NY", Limit: model.RetroDays, Days: 60}}}
	for _, ev := range model.LifeEvents {
		window, eff := 30, model.EffectiveFirstOfMonthAfterAsk
		if ev == model.EventMedicaidCHIPLoss || ev == model.EventMedicaidCHIPHelp {
			window = 60
		}
		if ev == model.EventBirth || ev == model.EventAdoption || ev == model.EventPlacement {
			eff = model.EffectiveOnEvent
		}
		rs.Events = append(rs.Events, model.EventRule{Event: ev, WindowDays: window, Effective: eff},
			model.EventRule{State: "CA", Segment: model.SegmentSmall, Event: ev, WindowDays: 60, Effective: eff})
	}
	return rs
}

func TestEventRuleLookup(t *testing.T) {
	rs := testRules()
	tests := []struct {
		name   string
		state  string
		seg    model.Segment
		event  model.LifeEvent
		window int
		eff    model.EffectiveRule
	}{
		{"a California small group has 60 days for a marriage", "CA", model.SegmentSmall, model.EventMarriage, 60, model.EffectiveFirstOfMonthAfterAsk},
		{"a California large group has the federal 30 days", "CA", model.SegmentLarge, model.EventMarriage, 30, model.EffectiveFirstOfMonthAfterAsk},
		{"an Oregon group has the federal 30 days", "OR", model.SegmentSmall, model.EventMarriage, 30, model.EffectiveFirstOfMonthAfterAsk},
		{"loss of Medicaid has 60 days everywhere", "OR", model.SegmentLarge, model.EventMedicaidCHIPLoss, 60, model.EffectiveFirstOfMonthAfterAsk},
		{"a birth is covered from the day of birth", "OR", model.SegmentSmall, model.EventBirth, 30, model.EffectiveOnEvent},
		{"the state is matched whatever its case", "ca", model.SegmentSmall, model.EventBirth, 60, model.EffectiveOnEvent},
		{"an event missing from the table gets the federal minimum", "OR", model.SegmentSmall, "jury_duty", 30, model.EffectiveFirstOfMonthAfterAsk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rs.EventFor(tt.state, tt.seg, tt.event)
			if r.WindowDays != tt.window || r.Effective != tt.eff {
				t.Errorf("rule = %d days, %s; want %d days, %s", r.WindowDays, r.Effective, tt.window, tt.eff)
			}
		})
	}
}

func TestEventRuleDates(t *testing.T) {
	d := model.MustDate
	tests := []struct {
		name           string
		rule           model.EventRule
		event, request string
		closes, starts string
		refusedBecause string
	}{
		{"a birth reported within 30 days starts on the birth", model.EventRule{Event: model.EventBirth, WindowDays: 30, Effective: model.EffectiveOnEvent},
			"2026-05-10", "2026-06-01", "2026-06-09", "2026-05-10", ""},
		{"a marriage starts on the first of the month after the request", model.EventRule{Event: model.EventMarriage, WindowDays: 30, Effective: model.EffectiveFirstOfMonthAfterAsk},
			"2026-05-20", "2026-06-01", "2026-06-19", "2026-07-01", ""},
		{"an event rule may count from the event instead", model.EventRule{Event: model.EventLossOfCoverage, WindowDays: 30, Effective: model.EffectiveFirstOfMonthAfterEvent},
			"2026-05-20", "2026-06-01", "2026-06-19", "2026-06-01", ""},
		{"the last day of the window is still open", model.EventRule{Event: model.EventMarriage, WindowDays: 30},
			"2026-05-02", "2026-06-01", "2026-06-01", "2026-07-01", ""},
		{"the day after the window is too late", model.EventRule{Event: model.EventMarriage, WindowDays: 30},
			"2026-05-01", "2026-06-01", "2026-05-31", "2026-07-01", "window for the marriage on 2026-05-01 closed on 2026-05-31"},
		{"60 days keep a two-month-old event open", model.EventRule{Event: model.EventMarriage, WindowDays: 60},
			"2026-04-05", "2026-06-01", "2026-06-04", "2026-07-01", ""},
		{"an event in the future is refused", model.EventRule{Event: model.EventBirth, WindowDays: 30, Effective: model.EffectiveOnEvent},
			"2026-06-02", "2026-06-01", "2026-07-02", "2026-06-02", "has not happened yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, req := d(tt.event), d(tt.request)
			if got := tt.rule.WindowCloses(ev).String(); got != tt.closes {
				t.Errorf("window closes %s, want %s", got, tt.closes)
			}
			if got := tt.rule.EffectiveDate(ev, req).String(); got != tt.starts {
				t.Errorf("coverage starts %s, want %s", got, tt.starts)
			}
			err := tt.rule.Check(ev, req)
			switch {
			case tt.refusedBecause == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.refusedBecause != "" && (err == nil || !strings.Contains(err.Error(), tt.refusedBecause)):
				t.Errorf("error %v, want one saying %q", err, tt.refusedBecause)
			}
		})
	}
}

func TestRetroRules(t *testing.T) {
	rs := testRules()
	today := model.MustDate("2026-06-17")
	tests := []struct {
		name, carrier, state, earliest string
	}{
		{"by default a termination goes back to the first of the current month", "", "CA", "2026-06-01"},
		{"a state may allow 60 days back", "", "NY", "2026-04-18"},
		{"a carrier may allow no backdating at all", "QC", "CA", "2026-06-17"},
		{"a carrier rule beats a state rule", "qc", "NY", "2026-06-17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rs.RetroFor(tt.carrier, tt.state)
			if got := r.Earliest(today).String(); got != tt.earliest {
				t.Errorf("earliest %s, want %s", got, tt.earliest)
			}
			if err := r.Check(model.MustDate(tt.earliest), today); err != nil {
				t.Errorf("the earliest day itself is refused: %v", err)
			}
			if err := r.Check(model.MustDate(tt.earliest).AddDays(-1), today); err == nil {
				t.Error("the day before the earliest is allowed")
			}
		})
	}
	if r := (&model.Rules{}).RetroFor("", ""); r.Earliest(today).String() != "2026-06-01" {
		t.Errorf("an empty table gives %s, want the first of the month", r.Earliest(today))
	}
}

func TestParseLifeEvent(t *testing.T) {
	for in, want := range map[string]model.LifeEvent{"marriage": model.EventMarriage, " Birth ": model.EventBirth,
		"loss of other coverage": model.EventLossOfCoverage} {
		if got, ok := model.ParseLifeEvent(in); !ok || got != want {
			t.Errorf("ParseLifeEvent(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := model.ParseLifeEvent("graduation"); ok {
		t.Error("graduation is not a qualifying event")
	}
}
