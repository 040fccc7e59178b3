package model

// ValidRouting checks a bank routing transit number: nine digits, not all
// zero, a Federal Reserve prefix, and the ABA 3-7-1 checksum
// 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10) (DOMAIN.md §5.2). It
// catches any single mistyped digit and most swapped pairs, before a
// payment goes anywhere.
func ValidRouting(rtn string) error {
	if len(rtn) != 9 || digits(rtn) != rtn {
		return FieldError("routing", "a routing number has nine digits, not %q", rtn)
	}
	if rtn == "000000000" {
		return FieldError("routing", "000000000 is not a routing number")
	}
	if !fedPrefix(rtn) {
		return FieldError("routing", "%s is not a US bank's routing number: it must start with 01–12, 21–32, 61–72 or 80", rtn)
	}
	if routingSum(rtn)%10 != 0 {
		return FieldError("routing", "%s is not a valid routing number: its check digit is wrong. Check it against a check or the bank's website.", rtn)
	}
	return nil
}

// RoutingCheckDigit is the ninth digit that makes the first eight a valid
// routing number.
func RoutingCheckDigit(first8 string) byte {
	sum := routingSum(first8 + "0")
	return byte('0' + (10-sum%10)%10)
}

var routingWeights = [9]int{3, 7, 1, 3, 7, 1, 3, 7, 1}

func routingSum(rtn string) int {
	sum := 0
	for i := range 9 {
		sum += routingWeights[i] * int(rtn[i]-'0')
	}
	return sum
}

// fedPrefix reports whether the first two digits name a Federal Reserve
// district (01–12), a thrift (21–32), an electronic transaction
// identifier (61–72) or traveler's checks (80).
func fedPrefix(rtn string) bool {
	p := int(rtn[0]-'0')*10 + int(rtn[1]-'0')
	return (p >= 1 && p <= 12) || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80
}
