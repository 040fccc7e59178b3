package model

import (
	"context"
	"strings"
	"time"
)

// QuoteScenario is a quote saved to come back to: its census, plans and
// contribution what-if. Scenarios are the desktop's own working papers and
// are not synced.
type QuoteScenario struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	GroupID      string        `json:"group_id,omitempty"` // the group whose roster was quoted, if any
	Effective    Date          `json:"effective_date"`
	Source       string        `json:"source"` // the census file's name, or "roster"
	Census       []QuotePerson `json:"census"`
	PlanIDs      []string      `json:"plan_ids"`
	Compare      []string      `json:"compare,omitempty"` // up to four plans shown side by side
	Contribution Contribution  `json:"contribution"`
	Version      int64         `json:"version"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// MaxCompared is how many plans are compared side by side.
const MaxCompared = 4

// Validate checks what a scenario cannot be saved without.
func (s *QuoteScenario) Validate() error {
	var p Problems
	if strings.TrimSpace(s.Name) == "" {
		p.Add("name", "give the scenario a name")
	}
	if len(s.Census) == 0 {
		p.Add("census", "a scenario needs a census")
	}
	if len(s.Compare) > MaxCompared {
		p.Add("compare", "at most %d plans are compared side by side", MaxCompared)
	}
	p.addErr(s.Contribution.Validate())
	return p.Err()
}

// ScenarioService keeps saved quote scenarios.
type ScenarioService interface {
	Scenarios(ctx context.Context) ([]QuoteScenario, error)
	SaveScenario(ctx context.Context, s *QuoteScenario) error
}
