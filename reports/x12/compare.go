package x12

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// Compare834 reads a carrier's full 834 for a group and compares it with
// the roster on a day (model.CompareEnrollment): the same discrepancy
// report as an invoice's reconciliation. A file that does not validate,
// is not a full file, or names another group is refused with what is
// wrong and where.
func Compare834(ctx context.Context, db *sqlite.DB, groupID string, data []byte, source string, on model.Date) (model.DiscrepancyReport, error) {
	// The file is read while the roster is: each takes about as long.
	type read struct {
		e   *Enrollment
		err error
	}
	done := make(chan read, 1)
	go func() {
		e, err := Read834(data)
		done <- read{e, err}
	}()
	roster, rosterErr := db.GroupFamilies(ctx, groupID)
	got := <-done
	e, err := got.e, got.err
	if err != nil {
		return model.DiscrepancyReport{}, fmt.Errorf("%s: %w", source, err)
	}
	if rosterErr != nil {
		return model.DiscrepancyReport{}, rosterErr
	}
	g, err := db.Group(ctx, groupID)
	if err != nil {
		return model.DiscrepancyReport{}, err
	}
	if e.Action != ActionVerify {
		return model.DiscrepancyReport{}, model.Errorf(model.EINVALID,
			"%s is a change file (BGN08 %s); comparing with the roster needs the carrier's full file (BGN08 4).", source, e.Action)
	}
	if err := sameGroup(e, &g); err != nil {
		return model.DiscrepancyReport{}, fmt.Errorf("%s: %w", source, err)
	}
	plans, err := planMap(ctx, db)
	if err != nil {
		return model.DiscrepancyReport{}, err
	}
	if on.IsZero() {
		on = e.FileEffective
	}
	if on.IsZero() {
		on = model.DateOf(e.Created)
	}
	r := model.CompareEnrollment(model.EnrollmentInput{Group: g, Plans: plans, Roster: roster, Carrier: e.Families(), On: on,
		Source: fmt.Sprintf("834 file %s of %s (%d members)", source, e.Created.Format("2006-01-02"), len(e.Members)), At: time.Now()})
	return r, nil
}

// sameGroup refuses a file whose policy number (REF*38) or members' group
// number (REF*1L) is another group's.
func sameGroup(e *Enrollment, g *model.Group) error {
	if e.PolicyNumber != "" && !strings.EqualFold(e.PolicyNumber, g.Number) {
		return model.Errorf(model.EINVALID, "the file is for group %s (REF*38), not %s (%s).", e.PolicyNumber, g.Number, g.Name)
	}
	for i := range e.Members {
		if n := e.Members[i].GroupNumber; n != "" && !strings.EqualFold(n, g.Number) {
			return &Error{Pos: e.Members[i].Pos, ID: "INS", Msg: fmt.Sprintf("the member's group number (REF*1L) is %s, not %s", n, g.Number)}
		}
	}
	return nil
}
