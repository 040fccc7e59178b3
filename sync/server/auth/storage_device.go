package auth

import (
	"context"
	"errors"
	"time"

	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/op"
)

func (s *storage) StoreDeviceAuthorization(ctx context.Context, clientID, deviceCode, userCode string, expires time.Time, scopes []string) error {
	err := s.db.StoreDeviceAuth(ctx, clientID, deviceCode, userCode, time.Until(expires), scopes)
	if errors.Is(err, sqlite.ErrDuplicateUserCode) {
		return op.ErrDuplicateUserCode
	}
	return err
}

// GetDeviceAuthorizatonState answers the device's poll. Tokens are issued
// once: after that the device code reads as denied.
func (s *storage) GetDeviceAuthorizatonState(ctx context.Context, clientID, deviceCode string) (*op.DeviceAuthorizationState, error) {
	d, err := s.db.TakeDeviceAuth(ctx, clientID, deviceCode)
	if err != nil {
		return nil, err
	}
	return &op.DeviceAuthorizationState{
		ClientID: d.ClientID, Scopes: d.Scopes, Expires: s.realExpiry(d.ExpiresAt),
		Done:    d.State == sqlite.DeviceApproved,
		Denied:  d.State == sqlite.DeviceDenied || d.State == sqlite.DeviceIssued,
		Subject: d.UserID, AMR: amrPassword, AuthTime: d.AuthTime,
	}, nil
}
