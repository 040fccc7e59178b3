package e2e_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// A refused operation in the middle of a batch leaves nothing behind, and
// the operations around it are applied once; sent again, the batch gets
// the same answers and changes nothing.
func TestARefusalInABatchLeavesTheRestAppliedOnce(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	other := small.Groups[0]
	if other.ID == g.ID {
		other = small.Groups[1]
	}
	server := sqlDB(t, svc.DBPath)
	member := func(group string, n int) model.Member {
		var data string
		if err := server.QueryRow(`SELECT data FROM changes WHERE group_id = ? AND entity = 'member' ORDER BY seq LIMIT 1 OFFSET ?`, group, n).Scan(&data); err != nil {
			t.Fatal(err)
		}
		var m model.Member
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b, foreign := member(g.ID, 0), member(g.ID, 1), member(other.ID, 0)
	op := func(m model.Member, group, phone string) api.Op {
		m.Phone = phone
		data, _ := json.Marshal(m)
		return api.Op{ID: sqlite.NewID(), Entity: model.EntityMember, EntityID: m.ID, GroupID: group,
			Action: model.ActionUpdate, BaseVersion: m.Version, Data: data}
	}
	// The foreign member claimed for the PGA's group, and changed.
	foreign.GroupID = g.ID
	batch := api.OpsRequest{Ops: []api.Op{op(a, g.ID, "212-555-0101"), op(foreign, g.ID, "212-555-0102"), op(b, g.ID, "212-555-0103")}}
	hc := bearerClient(svc.signIn(t, g.PGA, demoPassword))
	post := func() api.OpsResponse {
		body, _ := json.Marshal(batch)
		resp, err := hc.Post(svc.URL+"/v1/ops", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out api.OpsResponse
		if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil || len(out.Results) != 3 {
			t.Fatalf("the batch: %s %+v", resp.Status, out)
		}
		return out
	}
	first := post()
	if first.Results[0].Status != api.OpApplied || first.Results[1].Status != api.OpRefused || first.Results[2].Status != api.OpApplied ||
		first.Results[1].Code != model.EFORBIDDEN {
		t.Fatalf("the results: %+v", first.Results)
	}
	again := post()
	for i := range again.Results {
		a, f := again.Results[i], first.Results[i]
		if a.ID != f.ID || a.Status != f.Status || a.Version != f.Version || a.Code != f.Code || a.Reason != f.Reason {
			t.Fatalf("sent again, operation %d got %+v, first %+v", i, again.Results[i], first.Results[i])
		}
	}
	for _, m := range []model.Member{a, b} {
		var version int64
		server.QueryRow(`SELECT version FROM members WHERE id = ?`, m.ID).Scan(&version)
		if n := count(t, server, `SELECT count(*) FROM audit WHERE entity_id = ? AND action = 'update'`, m.ID); version != m.Version+1 || n != 1 {
			t.Fatalf("member %s: version %d (was %d), %d updates: want one", m.ID, version, m.Version, n)
		}
	}
	var phone string
	server.QueryRow(`SELECT phone FROM members WHERE id = ?`, foreign.ID).Scan(&phone)
	if phone == "212-555-0102" || count(t, server, `SELECT count(*) FROM audit WHERE entity_id = ? AND action = 'update'`, foreign.ID) != 0 {
		t.Fatal("the refused operation changed the other group's member")
	}
}
