package server

import (
	"net/http"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// invoices answers a group's invoices from a month on (?since=YYYY-MM,
// default two years back), without their lines.
func (s *Server) invoices(w http.ResponseWriter, r *http.Request, c *call) error {
	since := model.PeriodOf(model.DateOf(s.now())).Add(-api.InvoiceMonths)
	if q := r.URL.Query().Get("since"); q != "" {
		p, err := model.ParsePeriod(q)
		if err != nil {
			return model.Errorf(model.EINVALID, "since: %v", err)
		}
		since = p
	}
	invs, err := s.DB.Invoices(r.Context(), c.groupID, since)
	if err != nil {
		return err
	}
	if invs == nil {
		invs = []model.Invoice{}
	}
	return writeJSON(w, http.StatusOK, api.InvoiceList{Invoices: invs})
}

// invoice answers one invoice of the group with all its lines: the change
// feed carries invoices without them.
func (s *Server) invoice(w http.ResponseWriter, r *http.Request, c *call) error {
	inv, err := s.DB.Invoice(r.Context(), r.PathValue("invoice"))
	if code := model.ErrorCode(err); code != "" && code != model.ENOTFOUND && code != model.EFORBIDDEN {
		return err
	}
	if err != nil || inv.GroupID != c.groupID { // another group's invoice is not this group's to show
		return model.Errorf(model.ENOTFOUND, "This group has no invoice %s.", r.PathValue("invoice"))
	}
	return writeJSON(w, http.StatusOK, inv)
}

// payments answers the group's payment history, account numbers masked.
func (s *Server) payments(w http.ResponseWriter, r *http.Request, c *call) error {
	pays, err := s.DB.Payments(r.Context(), c.groupID)
	if err != nil {
		return err
	}
	if pays == nil {
		pays = []model.Payment{}
	}
	return writeJSON(w, http.StatusOK, api.PaymentList{Payments: pays})
}

// billingEntities are what billing.view reads in a group's feed.
var billingEntities = []string{model.EntityInvoice, model.EntityPayment, model.EntityBillingAccount}

// addBillingEntities lets a role with billing.view read the group's
// invoices, payments and billing account.
func addBillingEntities(out map[string]bool, role model.Role) {
	if role.Allows(model.PermBillingView) {
		for _, e := range billingEntities {
			out[e] = true
		}
	}
}
