package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/groupdesk/groupdesk/model"
)

// Designation is a group officer's form naming the Primary Group
// Administrator. The group's FEIN is the officer's proof of acting for the
// employer.
type Designation struct {
	GroupNumber  string
	FEIN         string
	OfficerName  string
	OfficerTitle string
	PGAName      string
	PGAEmail     string
}

// Validate reports every empty or malformed field.
func (d *Designation) Validate() error {
	var p model.Problems
	for _, f := range []struct{ field, value, msg string }{
		{"group_number", d.GroupNumber, "Enter the group number from your contract or invoice."},
		{"fein", d.FEIN, "Enter the group's Federal Employer Identification Number (9 digits)."},
		{"officer_name", d.OfficerName, "Enter your name."},
		{"officer_title", d.OfficerTitle, "Enter your title, such as Chief Financial Officer."},
		{"pga_name", d.PGAName, "Enter the name of the Primary Group Administrator."},
	} {
		if strings.TrimSpace(f.value) == "" {
			p.Add(f.field, "%s", f.msg)
		}
	}
	if d.FEIN != "" && len(digits(d.FEIN)) != 9 {
		p.Add("fein", "A FEIN has 9 digits, such as 12-3456789.")
	}
	if err := checkEmail(d.PGAEmail); err != nil {
		err.Field = "pga_email"
		p = append(p, err)
	}
	return p.Err()
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

var errNoSuchGroup = model.Errorf(model.EINVALID,
	"The group number and FEIN do not match our records. Check both against your contract, or call the carrier.")

// DesignatePGA checks the officer's proof and issues a PGA access code to
// the designated person, delivered by mail. A new designation replaces any
// earlier code of the group that was not used yet.
func (db *DB) DesignatePGA(ctx context.Context, d Designation, registerURL string) (model.AccessCode, string, error) {
	if err := d.Validate(); err != nil {
		return model.AccessCode{}, "", err
	}
	groupID, err := db.groupByProof(ctx, d.GroupNumber, d.FEIN)
	if err != nil {
		return model.AccessCode{}, "", err
	}
	c := model.AccessCode{Purpose: model.CodePGA, GroupID: groupID, Role: model.RolePGA,
		Email: strings.TrimSpace(d.PGAEmail), Name: strings.TrimSpace(d.PGAName),
		CreatedBy: fmt.Sprintf("officer: %s, %s", strings.TrimSpace(d.OfficerName), strings.TrimSpace(d.OfficerTitle))}
	if err := validateAccessCode(&c); err != nil {
		return c, "", err
	}
	code := newAccessCode()
	err = db.update(model.WithPrincipal(ctx, accountService), func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE access_codes SET expires_at = ? WHERE group_id = ? AND purpose = 'pga' AND used_at = '' AND expires_at > ?`,
			instant(tx.now), groupID, instant(tx.now)); err != nil {
			return err
		}
		return tx.createAccessCode(&c, code, registerURL)
	})
	return c, code, err
}

func (db *DB) groupByProof(ctx context.Context, number, fein string) (string, error) {
	var id, stored string
	err := db.read.QueryRowContext(ctx, `SELECT id, fein FROM groups WHERE number = ?`, strings.TrimSpace(number)).Scan(&id, &stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", errNoSuchGroup
	case err != nil:
		return "", fmt.Errorf("finding group %s: %w", number, err)
	case stored == "" || digits(stored) != digits(fein):
		return "", errNoSuchGroup
	}
	return id, nil
}
