package auth

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// The group officer's designation form: the officer names the Primary
// Group Administrator, who receives a single-use access code by mail.

var designateFields = []string{"group_number", "fein", "officer_name", "officer_title", "pga_name", "pga_email"}

func (s *Server) designateForm(w http.ResponseWriter, _ *http.Request) {
	s.render(w, http.StatusOK, "designate", newPage("Designate the Primary Group Administrator"))
}

func (s *Server) designate(w http.ResponseWriter, r *http.Request) {
	p := newPage("Designate the Primary Group Administrator")
	for _, f := range designateFields {
		p.Values[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	v := p.Values
	d := sqlite.Designation{GroupNumber: v["group_number"], FEIN: v["fein"], OfficerName: v["officer_name"],
		OfficerTitle: v["officer_title"], PGAName: v["pga_name"], PGAEmail: v["pga_email"]}
	c, _, err := s.db.DesignatePGA(r.Context(), d, s.url(pathRegister))
	if err != nil {
		s.log.Info("designation refused", "reason", model.ErrorCode(err))
		p.fail(err)
		s.render(w, status(err), "designate", p)
		return
	}
	s.log.Info("primary group administrator designated", "group_id", c.GroupID, "access_code_id", c.ID)
	if err := s.DeliverMail(r.Context()); err != nil {
		s.log.Error("delivering mail", "error", err)
	}
	s.showMessage(w, http.StatusOK, "The access code is on its way",
		fmt.Sprintf("We sent a single-use access code to %s.", c.Email),
		fmt.Sprintf("%s can register with it until %s UTC.", c.Name, c.ExpiresAt.UTC().Format("January 2, 2006 at 3:04 PM")))
}
