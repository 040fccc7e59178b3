package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

var errCodeUnknown = model.FieldError("code",
	"That access code is not right. Check it against the email you received: it has 16 letters and digits.")

// RedeemAccessCode registers the person with an access code: it creates
// the user and their password (or, when an account with the email exists,
// checks its password) and grants the code's role in the code's group, in
// one transaction, through the audited path. The code then cannot be used
// again. It returns the user.
func (db *DB) RedeemAccessCode(ctx context.Context, code string, user model.User, password string) (model.User, error) {
	user.Name, user.Email = strings.TrimSpace(user.Name), strings.TrimSpace(user.Email)
	if err := validateRegistration(user, password); err != nil {
		return user, err
	}
	c, err := db.usableAccessCode(ctx, code, user.Email)
	if err != nil {
		return user, err
	}
	user, hash, err := db.registrant(ctx, c, user, password)
	if err != nil {
		return user, err
	}
	actor := model.WithPrincipal(ctx, &model.Principal{UserID: user.ID, Name: user.Name})
	return user, db.update(actor, func(tx *Tx) error { return tx.redeem(c, &user, hash) })
}

func validateRegistration(u model.User, password string) error {
	var p model.Problems
	if u.Name == "" {
		p.Add("name", "Enter your name.")
	}
	if err := checkEmail(u.Email); err != nil {
		p = append(p, err)
	}
	if password == "" {
		p.Add("password", "Enter a password.")
	}
	return p.Err()
}

// usableAccessCode finds a code that may still be redeemed by the email.
func (db *DB) usableAccessCode(ctx context.Context, code, email string) (model.AccessCode, error) {
	var c model.AccessCode
	err := scanAccessCode(db.read.QueryRowContext(ctx, `SELECT `+accessCodeCols+` FROM access_codes WHERE hash = ?`,
		hashSecret(NormalizeUserCode(code))), &c)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return c, errCodeUnknown
	case err != nil:
		return c, fmt.Errorf("reading an access code: %w", err)
	}
	if err := c.Usable(db.Now()); err != nil {
		return c, model.FieldError("code", "%s", model.ErrorMessage(err))
	}
	if !strings.EqualFold(c.Email, email) {
		return c, model.FieldError("email", "This access code was sent to another email address. Enter the address it was sent to.")
	}
	return c, nil
}

// registrant returns the user to register (a new one, or the existing
// account with the email once its password is checked) and the password
// hash to store, if any.
func (db *DB) registrant(ctx context.Context, c model.AccessCode, u model.User, password string) (model.User, string, error) {
	existing, hasPassword, err := db.userByEmail(ctx, u.Email)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		u.ID, u.Kind, u.Firm = newID(), model.UserEmployer, ""
		if c.Role == model.RoleBroker {
			u.Kind, u.Firm = model.UserBroker, c.Firm
		}
	case err != nil:
		return u, "", fmt.Errorf("finding the account of %s: %w", u.Email, err)
	case hasPassword:
		got, err := db.CheckPassword(ctx, u.Email, password)
		if errors.Is(err, ErrWrongPassword) {
			err = model.FieldError("password", "An account with this email already exists. Enter its password to add this access to it.")
		}
		return got, "", err
	default:
		u = existing
	}
	if err := ValidatePassword(password, u.Email); err != nil {
		return u, "", err
	}
	return u, hashPassword(password), nil
}

func (db *DB) userByEmail(ctx context.Context, email string) (model.User, bool, error) {
	var u model.User
	var hasPassword bool
	err := db.read.QueryRowContext(ctx, `SELECT id, email, name, kind, firm, version,
		EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = users.id) FROM users WHERE email = ?`, email).
		Scan(&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version, &hasPassword)
	return u, hasPassword, err
}

func (tx *Tx) redeem(c model.AccessCode, u *model.User, hash string) error {
	res, err := tx.exec(`UPDATE access_codes SET used_at = ?, used_by = ? WHERE id = ? AND used_at = '' AND expires_at > ?`,
		instant(tx.now), u.ID, c.ID, instant(tx.now))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return model.FieldError("code", "This access code has already been used. Ask for a new one.")
	}
	c.UsedAt, c.UsedBy = tx.now, u.ID
	if err := tx.publishAccessCode(&c); err != nil {
		return err
	}
	if u.Version == 0 {
		if err := tx.saveUser(u); err != nil {
			return fmt.Errorf("registering %s: %w", u.Email, err)
		}
	}
	if hash != "" {
		if err := tx.setPassword(u.ID, hash); err != nil {
			return err
		}
	}
	return tx.grantFromCode(c, u.ID)
}

func (tx *Tx) grantFromCode(c model.AccessCode, userID string) error {
	var role model.Role
	err := tx.QueryRowContext(tx.ctx, `SELECT role FROM grants WHERE user_id = ? AND group_id = ?`, userID, c.GroupID).Scan(&role)
	switch {
	case err == nil:
		return model.Errorf(model.EINVALID, "You already have access to this group as %s. Ask its administrator to change your role instead.", role.Label())
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	return tx.saveGrant(&model.Grant{UserID: userID, GroupID: c.GroupID, Role: c.Role, GrantedBy: c.CreatedBy})
}
