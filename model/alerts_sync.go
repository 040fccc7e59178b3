package model

import (
	"fmt"
	"sort"
)

// SyncAlerts turns the outbox into alerts: per group, the changes still
// waiting to be sent, and each change the account service did not take (a
// conflict or a refusal) until the user decides. names maps group IDs to
// names; an operation of a group not in names is left out (a group the user
// is not looking at). describe names the record a change is about.
func SyncAlerts(ops []Operation, held []HeldOp, names map[string]string, describe func(Operation) string) []Alert {
	var out []Alert
	pending := map[string]int{}
	for _, op := range ops {
		if _, ok := names[op.GroupID]; ok && op.State == OpPending {
			pending[op.GroupID]++
		}
	}
	for id, n := range pending {
		out = append(out, Alert{Kind: AlertSyncPending, GroupID: id, Group: names[id], Subject: "Outbox", SubjectID: id,
			Severity: SeverityInfo, Text: fmt.Sprintf("%d %s waiting to be sent to the account service", n, pluralize(n, "change", "changes"))})
	}
	for _, h := range held {
		if _, ok := names[h.GroupID]; !ok {
			continue
		}
		a := Alert{Kind: AlertSyncConflict, GroupID: h.GroupID, Group: names[h.GroupID], Subject: describe(h.Operation),
			SubjectID: h.ID, Severity: SeverityWarning}
		a.Text = "Conflict: someone else changed this record first; choose which version to keep"
		if h.State == OpRefused {
			a.Kind, a.Text = AlertSyncRefused, "Refused by the account service: "+h.Reason
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
