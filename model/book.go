package model

// Book is a whole book of business as one snapshot: the plan catalog, the
// employer groups, their members, and who may see what. The demo generator
// produces one; the account service and the desktop load one.
type Book struct {
	Plans   []Plan       `json:"plans"`
	Areas   []RatingArea `json:"areas,omitempty"`
	Groups  []Group      `json:"groups"`
	Members []Member     `json:"members"` // each subscriber before their dependents
	Users   []User       `json:"users,omitempty"`
	Grants  []Grant      `json:"grants,omitempty"`
}
