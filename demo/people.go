package demo

import (
	"strconv"

	"github.com/groupdesk/groupdesk/model"
)

// person makes the common part of a member: ID, names, sex and birth date.
// Children are often given a common American first name whatever the
// family's culture.
func (c *roster) person(cult int, g model.Gender, dob model.Date, child bool) model.Member {
	m := model.Member{ID: c.id(c.r), GroupID: c.group.ID, Gender: g, DateOfBirth: dob, Version: 1, UpdatedAt: c.stamp}
	if child && chance(c.r, 0.35) {
		cult = cultAnglo
	}
	m.FirstName = c.givenName(cult, g)
	if chance(c.r, 0.3) {
		if mid := c.givenName(cult, g); mid != m.FirstName {
			m.MiddleName = mid
		}
	}
	m.LastName = pick(c.r, cultures[cult].last)
	return m
}

func (c *roster) givenName(cult int, g model.Gender) string {
	switch g {
	case model.GenderFemale:
		return pick(c.r, cultures[cult].female)
	case model.GenderMale:
		return pick(c.r, cultures[cult].male)
	}
	return pick(c.r, unisexNames)
}

// gender returns U with probability pU, else F or M alike.
func (c *roster) gender(pU float64) model.Gender {
	x := c.r.Float64()
	switch {
	case x < pU:
		return model.GenderUnknown
	case x < (1+pU)/2:
		return model.GenderFemale
	}
	return model.GenderMale
}

// birthDate returns a date of birth of someone who is age years old today.
func (c *roster) birthDate(age int) model.Date {
	return c.today.AddYears(-age).AddDays(-c.r.IntN(365))
}

// Well-known numbers that must never appear: the Woolworth wallet card,
// the "123-45-6789" example and an SSA advertising number.
var famousSSNs = map[uint32]bool{123456789: true, 78051120: true, 219099999: true}

// ssn returns an SSN not used before in the book that passes
// model.NormalizeSSN: area 001–899 but not 666, group 01–99, serial 0001–9999.
func (c *roster) ssn() string {
	for {
		area := between(c.r, 1, 899)
		v := uint32(area*1000000 + between(c.r, 1, 99)*10000 + between(c.r, 1, 9999))
		if area == 666 || c.ssns[v] || famousSSNs[v] {
			continue
		}
		c.ssns[v] = true
		var b [9]byte
		for i := 8; i >= 0; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
		return string(b[:])
	}
}

// home returns an address in the group's rating area, half the time in its
// main city.
func (c *roster) home() model.Address {
	t := &c.area.towns[0]
	if chance(c.r, 0.5) {
		t = &c.area.towns[c.r.IntN(len(c.area.towns))]
	}
	var line1 string
	if chance(c.r, 0.55) {
		line1 = strconv.Itoa(between(c.r, 100, 8999)) + " " + pick(c.r, c.area.streets)
	} else {
		line1 = strconv.Itoa(between(c.r, 100, 4999)) + " " + pick(c.r, commonStreets)
	}
	a := model.Address{Line1: line1, City: t.city, State: c.area.state, ZIP: pick(c.r, t.zips)}
	if chance(c.r, 0.22) {
		a.Line2 = pick(c.r, []string{"Apt ", "Unit ", "#"}) + strconv.Itoa(between(c.r, 1, 40)) + pick(c.r, []string{"", "", "A", "B", "C"})
	}
	return a
}

// phone returns a number in the area's codes from the 555-0100–0199 block,
// which is reserved for fiction.
func (c *roster) phone() string {
	n := c.r.IntN(100)
	return pick(c.r, c.area.phones) + "-555-01" + string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

var personalDomains = []string{"mail.example", "inbox.example", "post.example"}

// email returns a work address unique in the group, or (three in ten) a
// personal one.
func (c *roster) email(first, last string) string {
	f, l := fold(first), fold(last)
	if chance(c.r, 0.3) {
		return f + l + strconv.Itoa(between(c.r, 1, 99)) + "@" + pick(c.r, personalDomains)
	}
	base := f + "." + l
	local := base
	for n := 2; c.emails[local]; n++ {
		local = base + strconv.Itoa(n)
	}
	c.emails[local] = true
	return local + "@" + c.spec.domain
}
