package server

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// catalog is the pseudo-group of the plan catalog, which everyone reads.
const catalog = ""

// cursor is where a reader is in the change feed. It is opaque to clients.
// P is the sequence number read up to in every joined group; G holds the
// joined groups with the role they were read with. A group the reader gains
// is backfilled up to P (BG and BP track that) before it joins; a group the
// reader loses, or whose role changed, is answered with a tombstone and, if
// still visible, backfilled again.
type cursor struct {
	P  int64             `json:"p"`
	G  map[string]string `json:"g"`
	BG string            `json:"bg,omitempty"`
	BP int64             `json:"bp,omitempty"`
}

func (c *cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (*cursor, error) {
	c := &cursor{G: map[string]string{}}
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, c)
	}
	if err != nil || c.P < 0 || c.BP < 0 {
		return nil, model.Errorf(model.EINVALID, "The cursor is not one this service gave out. Start again without a cursor.")
	}
	if c.G == nil {
		c.G = map[string]string{}
	}
	return c, nil
}

// entitiesFor lists the kinds of entity a role may read in a group.
func entitiesFor(role model.Role) map[string]bool {
	out := map[string]bool{}
	if role.Allows(model.PermMembersView) || role.Allows(model.PermBillingView) {
		out[model.EntityGroup] = true
	}
	if role.Allows(model.PermMembersView) {
		out[model.EntityMember] = true
		out[model.EntityLifeEvent] = true
	}
	if role.Allows(model.PermAccessManage) {
		out[model.EntityGrant] = true
		out[model.EntityAccessCode] = true
	}
	if role.Allows(model.PermRenewalsView) {
		out[model.EntityRenewal] = true
	}
	addBillingEntities(out, role)
	addDocumentEntities(out, role)
	return out
}

// visibleScopes returns what the caller may read now, by group.
func visibleScopes(who *model.Principal) map[string]sqlite.FeedScope {
	out := map[string]sqlite.FeedScope{catalog: {GroupID: catalog, Entities: catalogEntities()}}
	addApplicantScope(out, who)
	for g, role := range who.Grants {
		out[g] = sqlite.FeedScope{GroupID: g, Entities: entitiesFor(role)}
	}
	return out
}

func roleKey(who *model.Principal, group string) string {
	if group == catalog {
		return "catalog"
	}
	return string(who.Grants[group])
}

func (s *Server) changes(w http.ResponseWriter, r *http.Request, c *call) error {
	limit, err := pageLimit(r.URL.Query().Get("limit"))
	if err != nil {
		return err
	}
	cur, err := decodeCursor(r.URL.Query().Get("cursor"))
	if err != nil {
		return err
	}
	ctx := r.Context()
	head, err := s.DB.FeedHead(ctx)
	if err != nil {
		return err
	}
	if cur == nil {
		cur = &cursor{P: head, G: map[string]string{}}
	}
	page := api.ChangesPage{Changes: []model.Change{}}
	visible := visibleScopes(c.who)
	page.Changes = append(page.Changes, dropLost(cur, visible, c.who)...)
	for len(page.Changes) < limit {
		group, ok := nextToJoin(cur, visible)
		if !ok {
			break
		}
		room := limit - len(page.Changes)
		rows, last, full, err := s.DB.GroupChanges(ctx, visible[group], cur.BP, cur.P, room)
		if err != nil {
			return err
		}
		page.Changes = append(page.Changes, rows...)
		if !full {
			cur.G[group] = roleKey(c.who, group)
			cur.BG, cur.BP = "", 0
			continue
		}
		// Changes the reader may not see were read too: the group goes on
		// from the last change read, not the last one sent.
		cur.BG, cur.BP = group, last
	}
	if _, backfilling := nextToJoin(cur, visible); !backfilling && len(page.Changes) < limit {
		var joined []sqlite.FeedScope
		for g := range cur.G {
			joined = append(joined, visible[g])
		}
		room := limit - len(page.Changes)
		rows, last, full, err := s.DB.TailChanges(ctx, joined, cur.P, room)
		if err != nil {
			return err
		}
		page.Changes = append(page.Changes, rows...)
		cur.P = last
		if !full {
			// Everything of the joined groups up to head was read; changes
			// of other groups up to head need not be read again. (One
			// writer commits in sequence order, so nothing below head can
			// still appear.)
			cur.P = max(cur.P, head)
		}
	}
	_, backfilling := nextToJoin(cur, visible)
	page.HasMore = backfilling || cur.P < head
	page.Cursor = cur.encode()
	return writePage(w, &page)
}

// writePage answers with a page of the feed. Each change's data is the
// store's own JSON and is written as it is: encoding/json would check and
// compact every byte of it again, which was most of the time a page took.
func writePage(w http.ResponseWriter, page *api.ChangesPage) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set(api.HeaderCursor, page.Cursor)
	w.Header().Set(api.HeaderHasMore, strconv.FormatBool(page.HasMore))
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"changes":[`)
	for i := range page.Changes {
		c := page.Changes[i]
		data := c.Data
		c.Data = nil
		head, err := json.Marshal(&c)
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		if len(data) == 0 {
			bw.Write(head)
			continue
		}
		bw.Write(head[:len(head)-1])
		bw.WriteString(`,"data":`)
		bw.Write(data)
		bw.WriteByte('}')
	}
	rest, err := json.Marshal(struct {
		Cursor  string `json:"cursor"`
		HasMore bool   `json:"has_more"`
	}{page.Cursor, page.HasMore})
	if err != nil {
		return err
	}
	bw.WriteString(`],`)
	bw.Write(rest[1:])
	bw.WriteByte('\n')
	return bw.Flush()
}

// dropLost answers groups the reader no longer sees (or sees with another
// role) with a tombstone, and forgets them.
func dropLost(cur *cursor, visible map[string]sqlite.FeedScope, who *model.Principal) []model.Change {
	var out []model.Change
	for _, g := range sortedKeys(cur.G) {
		if _, ok := visible[g]; ok && cur.G[g] == roleKey(who, g) {
			continue
		}
		reason := "Your access to this group was removed."
		if _, ok := visible[g]; ok {
			reason = "Your role in this group changed; it is sent again."
		}
		out = append(out, model.Change{Entity: model.EntityGroup, ID: g, GroupID: g, Deleted: true, Reason: reason})
		delete(cur.G, g)
		if cur.BG == g {
			cur.BG, cur.BP = "", 0
		}
	}
	return out
}

// nextToJoin returns the visible group to backfill next: the one under way,
// or the first (by ID) that has not joined.
func nextToJoin(cur *cursor, visible map[string]sqlite.FeedScope) (string, bool) {
	if _, ok := visible[cur.BG]; ok && cur.BG != "" {
		if _, joined := cur.G[cur.BG]; !joined {
			return cur.BG, true
		}
	}
	for _, g := range sortedKeys(visible) {
		if _, joined := cur.G[g]; !joined {
			cur.BG, cur.BP = g, 0
			return g, true
		}
	}
	return "", false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func pageLimit(s string) (int, error) {
	if s == "" {
		return api.DefaultPageLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > api.MaxPageLimit {
		return 0, model.Errorf(model.EINVALID, "limit must be a whole number from 1 to %d.", api.MaxPageLimit)
	}
	return n, nil
}
