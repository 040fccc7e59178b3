package model

import "testing"

func TestPlanLabelNamesTheMetalTierOnce(t *testing.T) {
	for _, tc := range []struct {
		plan Plan
		want string
	}{
		{Plan{Name: "Gold 80 HMO", Metal: MetalGold}, "Gold 80 HMO"},
		{Plan{Name: "Platinum 90 PPO Large Group", Metal: MetalPlatinum}, "Platinum 90 PPO Large Group"},
		{Plan{Name: "Choice HMO", Metal: MetalSilver}, "Choice HMO (Silver)"},
		{Plan{Name: "Choice HMO"}, "Choice HMO"},
	} {
		if got := tc.plan.Label(); got != tc.want {
			t.Errorf("%s (%s) is labelled %q, want %q", tc.plan.Name, tc.plan.Metal, got, tc.want)
		}
	}
}
