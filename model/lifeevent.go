package model

// LifeEventStatus is where a reported life event stands.
type LifeEventStatus string

const (
	// LifeEventOpen is reported but nobody was added for it yet: its
	// window is running.
	LifeEventOpen LifeEventStatus = "open"
	// LifeEventEnrolled is used: the dependent it brought is enrolled.
	LifeEventEnrolled LifeEventStatus = "enrolled"
)

// LifeEventRecord is a qualifying life event reported for a family, with
// the last day its special enrollment window is open.
type LifeEventRecord struct {
	ID           string          `json:"id"`
	GroupID      string          `json:"group_id"`
	SubscriberID string          `json:"subscriber_id"`
	MemberID     string          `json:"member_id,omitempty"` // the dependent it brought in
	Event        LifeEvent       `json:"event"`
	EventDate    Date            `json:"event_date"`
	ReportedOn   Date            `json:"reported_on"`
	WindowCloses Date            `json:"window_closes"`
	Status       LifeEventStatus `json:"status"`
	Note         string          `json:"note,omitempty"`
	Version      int64           `json:"version"`
}

// EntityLifeEvent names life events in the audit log and the outbox.
const EntityLifeEvent = "life_event"

// LifeEventReport records an event before anyone is added for it (an
// employee says they married; the spouse's details follow), so that the
// deadline list can remind the administrator before the window closes.
type LifeEventReport struct {
	Subscriber string
	Event      LifeEvent
	EventDate  Date
	Note       string
}

// SubscriberID is the family the event happened in.
func (r *LifeEventReport) SubscriberID() string { return r.Subscriber }

// Apply checks the window and returns the event to record; the family is
// unchanged.
func (r *LifeEventReport) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	if len(fam) == 0 {
		return Outcome{}, Errorf(ENOTFOUND, "There is no subscriber %s.", r.Subscriber)
	}
	if r.Event == "" {
		return Outcome{}, FieldError("event", "choose the life event")
	}
	rule := c.event(r.Event)
	if err := rule.Check(r.EventDate, c.Today); err != nil {
		return Outcome{}, err
	}
	ev := &LifeEventRecord{ID: c.NewID(), GroupID: fam[0].GroupID, SubscriberID: fam[0].ID, Event: r.Event, EventDate: r.EventDate,
		ReportedOn: c.Today, WindowCloses: rule.WindowCloses(r.EventDate), Status: LifeEventOpen, Note: r.Note}
	return Outcome{Family: cloneFamily(fam), Notes: map[string]string{}, Event: ev}, nil
}
