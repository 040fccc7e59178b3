package model_test

import (
	"errors"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestRoutingNumbersAreCheckedWithTheABAChecksum(t *testing.T) {
	for _, tc := range []struct {
		name, rtn string
		ok        bool
	}{
		{"Chase's 021000021 is valid", "021000021", true},
		{"Bank of America's 111000025 is valid", "111000025", true},
		{"the 820 sample's payer 121000358 is valid", "121000358", true},
		{"the 820 sample's receiver 026009593 is valid", "026009593", true},
		{"the worked check digit 076401251 is valid", "076401251", true},
		{"123456789 fails the checksum", "123456789", false},
		{"one digit mistyped fails", "021000031", false},
		{"two neighbouring digits swapped fail", "201000021", false},
		{"eight digits are too few", "02100002", false},
		{"letters are not digits", "02100002A", false},
		{"all zeros is no bank", "000000000", false},
		{"a prefix no Federal Reserve district uses is refused", "991000025", false},
		{"an empty routing number is refused", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := model.ValidRouting(tc.rtn)
			if (err == nil) != tc.ok {
				t.Fatalf("ValidRouting(%q) = %v, want ok=%v", tc.rtn, err, tc.ok)
			}
			if err != nil && model.ErrorCode(err) != model.EINVALID {
				t.Fatalf("the refusal has code %s", model.ErrorCode(err))
			}
		})
	}
}

func TestTheCheckDigitCompletesARoutingNumber(t *testing.T) {
	for first8, want := range map[string]byte{"07640125": '1', "02100002": '1', "11100002": '5', "12100035": '8'} {
		if got := model.RoutingCheckDigit(first8); got != want {
			t.Errorf("check digit of %s = %c, want %c", first8, got, want)
		}
	}
}

func TestABankAccountIsCheckedBeforeAPaymentIsSent(t *testing.T) {
	good := model.BankAccount{Holder: "Łódź Bakery LLC", Routing: "121000358", Account: "000123456789", Type: model.Checking}
	for _, tc := range []struct {
		name  string
		edit  func(*model.BankAccount)
		field string
	}{
		{"a complete account passes", func(*model.BankAccount) {}, ""},
		{"an account without a holder is refused", func(b *model.BankAccount) { b.Holder = " " }, "holder"},
		{"a routing number with a wrong check digit is refused", func(b *model.BankAccount) { b.Routing = "121000359" }, "routing"},
		{"an account number of three digits is refused", func(b *model.BankAccount) { b.Account = "123" }, "account"},
		{"an account number of eighteen digits is refused", func(b *model.BankAccount) { b.Account = "123456789012345678" }, "account"},
		{"an account that is neither checking nor savings is refused", func(b *model.BankAccount) { b.Type = "brokerage" }, "type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := good
			tc.edit(&b)
			err := b.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *model.Error
			if err == nil || !errors.As(err, &e) || e.Field != tc.field {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
	if m := good.Masked(); m.Account != "********6789" || m.Routing != good.Routing {
		t.Fatalf("masked: %+v", m)
	}
}
