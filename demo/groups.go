package demo

import (
	"fmt"
	"slices"

	"github.com/groupdesk/groupdesk/model"
)

// dept is a department with its share of the staff and its full-time
// salary range in dollars.
type dept struct {
	name   string
	weight int
	lo, hi int
}

// Renewal timing of a group (groupSpec.renewal), besides a month offset.
const (
	renewInWindow = -1 // about 60 days out: the renewal window is open
	renewJanuary  = -2 // the next January 1
)

// groupSpec describes one employer of the demo book.
type groupSpec struct {
	name, domain, industry string
	area                   string
	line1, line2, city     string
	zip                    string
	fein                   string // the IRS campus prefix
	segment                model.Segment
	subscribers            int      // at the default book size
	plans                  []string // plan codes offered, the most chosen first
	renewal                int      // months after next month's first, or renewInWindow, renewJanuary
	years                  int      // years since the original effective date
	waiting                int      // waiting period in days
	partTime               int      // percent of part-time staff
	tenure                 int      // mean tenure in months
	depts                  []dept
	delivery               model.BillingDelivery
	autopay                bool
	units                  []string
	secondaries            bool // has Secondary users besides the PGA
}

// groupSpecs are the demo groups in the order they are generated; a book
// with fewer groups takes the first ones. The first is the large group,
// whose size absorbs the rest of Options.People.
var groupSpecs = []groupSpec{
	{name: "Golden State Grocers, Inc.", domain: "goldenstategrocers.example", industry: "Supermarkets and grocery stores",
		area: areaLA, line1: "1055 N Main St", city: "Los Angeles", zip: "90012", fein: "95", segment: model.SegmentLarge,
		subscribers: 20000, plans: []string{planLGG80, planLGP90}, renewal: renewJanuary, years: 18, waiting: 60,
		partTime: 24, tenure: 70, delivery: model.DeliveryOnline, autopay: true, secondaries: true,
		units: []string{"Corporate Office", "Retail Stores", "Distribution Centers", "Pharmacy"},
		depts: []dept{{"Store Operations", 40, 34000, 52000}, {"Fresh Foods", 14, 36000, 56000}, {"Pharmacy", 5, 48000, 165000},
			{"Distribution", 15, 42000, 68000}, {"Transportation", 6, 55000, 82000}, {"Store Management", 8, 65000, 120000},
			{"Corporate Finance", 3, 70000, 160000}, {"Information Technology", 3, 85000, 185000},
			{"Human Resources", 2, 60000, 130000}, {"Marketing", 2, 65000, 140000}, {"Loss Prevention", 2, 45000, 70000}}},
	{name: "Sierra Logistics Corp.", domain: "sierralogistics.example", industry: "General freight trucking",
		area: areaSacramento, line1: "1415 L St", line2: "Suite 800", city: "Sacramento", zip: "95814", fein: "68",
		segment: model.SegmentLarge, subscribers: 350, plans: []string{planG80HMO, planS70HMO, planG80PPO, planB60HDHP},
		renewal: 6, years: 9, waiting: 30, partTime: 4, tenure: 60, delivery: model.DeliveryOnline, autopay: true,
		units: []string{"Drivers", "Warehouse", "Administration"},
		depts: []dept{{"Drivers", 40, 58000, 88000}, {"Warehouse", 28, 40000, 58000}, {"Dispatch", 8, 52000, 75000},
			{"Fleet Maintenance", 8, 55000, 85000}, {"Sales", 6, 60000, 140000}, {"Finance & Accounting", 5, 62000, 125000},
			{"Safety & Compliance", 3, 65000, 105000}, {"Human Resources", 2, 58000, 110000}}},
	{name: "Bayview Dental Group, Inc.", domain: "bayviewdental.example", industry: "Offices of dentists",
		area: areaAlameda, line1: "1950 Broadway", line2: "Suite 310", city: "Oakland", zip: "94612", fein: "94",
		segment: model.SegmentSmall, subscribers: 14, plans: []string{planG80HMO, planP90HMO, planS70PPO},
		renewal: renewInWindow, years: 7, waiting: 30, partTime: 15, tenure: 54, delivery: model.DeliveryOnline, secondaries: true,
		depts: []dept{{"Hygiene", 4, 95000, 135000}, {"Dental Assisting", 4, 48000, 64000}, {"Front Office", 3, 45000, 62000},
			{"Dentistry", 2, 165000, 260000}}},
	{name: "Golden Gate Bakery LLC", domain: "goldengatebakery.example", industry: "Commercial bakeries",
		area: areaSF, line1: "1375 Howard St", city: "San Francisco", zip: "94103", fein: "94", segment: model.SegmentSmall,
		subscribers: 22, plans: []string{planG80HMO, planS70HMO, planB60HMO}, renewal: 3, years: 6, waiting: 60,
		partTime: 10, tenure: 40, delivery: model.DeliveryPaper,
		depts: []dept{{"Production", 10, 42000, 60000}, {"Delivery", 4, 44000, 62000}, {"Retail Counter", 5, 38000, 48000},
			{"Office", 2, 58000, 95000}}},
	{name: "Mission Street Architects LLP", domain: "missionstarchitects.example", industry: "Architectural services",
		area: areaSF, line1: "1550 Mission St", line2: "Suite 200", city: "San Francisco", zip: "94103", fein: "26",
		segment: model.SegmentSmall, subscribers: 8, plans: []string{planP90HMO, planG80PPO}, renewal: 9, years: 11,
		waiting: 0, tenure: 72, delivery: model.DeliveryOnline, autopay: true,
		depts: []dept{{"Design", 5, 85000, 165000}, {"Project Management", 2, 95000, 150000}, {"Administration", 1, 58000, 78000}}},
	{name: "Chen & Alvarez Law Group, PC", domain: "chenalvarezlaw.example", industry: "Offices of lawyers",
		area: areaLA, line1: "250 E 1st St", line2: "Suite 1100", city: "Los Angeles", zip: "90012", fein: "95",
		segment: model.SegmentSmall, subscribers: 3, plans: []string{planG80HMO, planP90HMO}, renewal: 11, years: 4,
		waiting: 0, tenure: 60, delivery: model.DeliveryPaper,
		depts: []dept{{"Attorneys", 2, 140000, 260000}, {"Paralegal", 1, 65000, 90000}}},
	{name: "Valley Oak Veterinary Hospital, Inc.", domain: "valleyoakvet.example", industry: "Veterinary services",
		area: areaFresno, line1: "2300 Tulare St", city: "Fresno", zip: "93721", fein: "77", segment: model.SegmentSmall,
		subscribers: 11, plans: []string{planS70HMO, planB60HDHP, planB60HMO}, renewal: 4, years: 5, waiting: 30,
		partTime: 10, tenure: 45, delivery: model.DeliveryOnline,
		depts: []dept{{"Veterinarians", 2, 120000, 180000}, {"Veterinary Technicians", 5, 40000, 58000},
			{"Reception", 3, 35000, 45000}, {"Kennel", 1, 33000, 39000}}},
	{name: "Harbor Point Marine Supply Co.", domain: "harborpointmarine.example", industry: "Marine supplies merchant wholesalers",
		area: areaSanDiego, line1: "1050 N Harbor Dr", city: "San Diego", zip: "92101", fein: "33", segment: model.SegmentSmall,
		subscribers: 37, plans: []string{planG80HMO, planS70PPO, planB60HDHP, planS70HDHP}, renewal: 0, years: 13,
		waiting: 30, partTime: 5, tenure: 66, delivery: model.DeliveryOnline, autopay: true,
		depts: []dept{{"Warehouse", 12, 42000, 58000}, {"Sales", 10, 50000, 98000}, {"Purchasing", 4, 56000, 85000},
			{"Customer Service", 6, 43000, 58000}, {"Accounting", 3, 58000, 92000}, {"Management", 2, 95000, 155000}}},
	{name: "Capitol Print & Sign LLC", domain: "capitolprint.example", industry: "Commercial printing",
		area: areaSacramento, line1: "925 L St", city: "Sacramento", zip: "95814", fein: "68", segment: model.SegmentSmall,
		subscribers: 27, plans: []string{planS70HMO, planB60HMO, planG80HMO}, renewal: 8, years: 15, waiting: 60,
		partTime: 8, tenure: 80, delivery: model.DeliveryPaper, autopay: true,
		depts: []dept{{"Production", 14, 40000, 62000}, {"Graphic Design", 5, 52000, 80000}, {"Installation", 4, 45000, 66000},
			{"Sales", 3, 50000, 105000}, {"Office", 2, 45000, 70000}}},
	{name: "Rose City Coffee Roasters LLC", domain: "rosecitycoffee.example", industry: "Coffee and tea manufacturing",
		area: areaPortland, line1: "921 SW Washington St", city: "Portland", zip: "97205", fein: "93", segment: model.SegmentSmall,
		subscribers: 48, plans: []string{planG80EPO, planS70EPO}, renewal: 5, years: 8, waiting: 30, partTime: 20,
		tenure: 36, delivery: model.DeliveryOnline,
		depts: []dept{{"Roasting", 8, 42000, 60000}, {"Cafés", 22, 36000, 48000}, {"Wholesale", 6, 52000, 85000},
			{"Packaging & Shipping", 7, 38000, 50000}, {"Administration", 4, 55000, 110000}}},
	{name: "Elliott Bay Software, Inc.", domain: "elliottbaysoftware.example", industry: "Software publishers",
		area: areaSeattle, line1: "1420 5th Ave", line2: "Suite 2200", city: "Seattle", zip: "98101", fein: "91",
		segment: model.SegmentSmall, subscribers: 65, plans: []string{planG80EPO, planS70EPO}, renewal: 10, years: 6,
		waiting: 0, partTime: 2, tenure: 34, delivery: model.DeliveryOnline, autopay: true,
		depts: []dept{{"Engineering", 30, 125000, 230000}, {"Product", 8, 125000, 200000}, {"Design", 5, 100000, 170000},
			{"Customer Success", 10, 70000, 115000}, {"Sales", 7, 90000, 180000}, {"Operations", 5, 75000, 140000}}},
	{name: "Front Range Solar Installers Corp.", domain: "frontrangesolar.example", industry: "Solar installation contractors",
		area: areaDenver, line1: "1801 California St", line2: "Suite 500", city: "Denver", zip: "80202", fein: "84",
		segment: model.SegmentSmall, subscribers: 92, plans: []string{planG80EPO, planS70EPO}, renewal: 7, years: 3,
		waiting: 30, partTime: 3, tenure: 28, delivery: model.DeliveryOnline,
		depts: []dept{{"Installation", 45, 48000, 72000}, {"Electrical", 15, 62000, 95000}, {"Sales", 14, 55000, 120000},
			{"Project Coordination", 8, 52000, 75000}, {"Engineering", 5, 80000, 125000}, {"Administration", 5, 48000, 85000}}},
}

// Parts of the names of extra groups, for books of more than len(groupSpecs).
var (
	extraPlaces = []string{"Redwood", "Pacific Crest", "Coyote Hills", "Marina", "Del Mar", "Alder Creek", "Tamalpais",
		"Sequoia", "Bayshore", "Eastshore", "Laurel Canyon", "Presidio", "Arroyo Seco", "Sunset Ridge", "Mount Diablo"}
	extraTrades = [][2]string{{"Plumbing & Heating", "Plumbing contractors"}, {"Family Medicine", "Offices of physicians"},
		{"Auto Body", "Automotive body repair"}, {"Landscaping", "Landscaping services"},
		{"Accounting Partners", "Accounting services"}, {"Brewing Company", "Breweries"},
		{"Physical Therapy", "Offices of physical therapists"}, {"Electric", "Electrical contractors"},
		{"Realty", "Offices of real estate agents"}, {"Cabinetry", "Cabinet manufacturing"}}
	extraSuffixes = []string{"Inc.", "LLC", "Corp.", "Co."}
	extraAreas    = []struct{ area, line1, city, zip, fein string }{
		{areaAlameda, "1440 Broadway", "Oakland", "94612", "94"}, {areaSF, "1160 Mission St", "San Francisco", "94103", "94"},
		{areaLA, "800 N Alameda St", "Los Angeles", "90012", "95"}, {areaSacramento, "1020 K St", "Sacramento", "95814", "68"},
		{areaSanDiego, "600 W Broadway", "San Diego", "92101", "33"}, {areaFresno, "1315 Van Ness Ave", "Fresno", "93721", "77"},
	}
	extraDepts = []dept{{"Operations", 6, 42000, 70000}, {"Sales", 3, 50000, 110000}, {"Administration", 2, 48000, 85000},
		{"Management", 1, 85000, 150000}}
)

// specFor returns the spec of the i-th group of the book.
func specFor(i int) *groupSpec {
	if i < len(groupSpecs) {
		return &groupSpecs[i]
	}
	return extraSpec(i - len(groupSpecs))
}

// extraSpec makes up a small California group; k numbers the extras.
func extraSpec(k int) *groupSpec {
	trade := extraTrades[k%len(extraTrades)]
	place := extraPlaces[(k/len(extraTrades)+k)%len(extraPlaces)]
	name := fmt.Sprintf("%s %s %s", place, trade[0], extraSuffixes[k%len(extraSuffixes)])
	if round := k / (len(extraTrades) * len(extraPlaces)); round > 0 {
		name = fmt.Sprintf("%s %s %d %s", place, trade[0], round+1, extraSuffixes[k%len(extraSuffixes)])
	}
	at := extraAreas[k%len(extraAreas)]
	return &groupSpec{
		name: name, domain: fold(place+trade[0]) + fmt.Sprint(k) + ".example", industry: trade[1],
		area: at.area, line1: at.line1, city: at.city, zip: at.zip, fein: at.fein, segment: model.SegmentSmall,
		subscribers: 5 + (k*17)%56, plans: []string{planG80HMO, planS70HMO, planB60HDHP}, renewal: k % 12,
		years: 2 + k%14, waiting: 30 * (k % 3), partTime: 5, tenure: 48, depts: extraDepts,
		delivery: []model.BillingDelivery{model.DeliveryOnline, model.DeliveryPaper}[k%2], autopay: k%3 == 0,
	}
}

// renewalDate is the group's next renewal: the first of a month after today.
func renewalDate(s *groupSpec, today model.Date) model.Date {
	switch s.renewal {
	case renewInWindow:
		return today.AddDays(30).FirstOfNextMonth() // 31 to 61 days out
	case renewJanuary:
		return model.NewDate(today.Year+1, 1, 1)
	}
	return today.FirstOfNextMonth().AddMonths(s.renewal)
}

// newGroup builds the group record; the number, FEIN and ID come from g.
func (g *gen) newGroup(s *groupSpec) model.Group {
	renewal := renewalDate(s, g.today)
	return model.Group{
		ID: g.id(g.r), Number: g.groupNumber(), Name: s.name, FEIN: s.fein + digitsN(g.r, 7),
		Industry: s.industry, Segment: s.segment, RatingArea: s.area,
		Address:       model.Address{Line1: s.line1, Line2: s.line2, City: s.city, State: areaByCode(s.area).state, ZIP: s.zip},
		EffectiveDate: renewal.AddYears(-s.years), RenewalDate: renewal,
		Delivery: s.delivery, Autopay: s.autopay, BillingUnits: slices.Clone(s.units), Version: 1,
	}
}

// groupNumber returns a group number no other group of the book has.
func (g *gen) groupNumber() string {
	for {
		n := "GRP-" + fmt.Sprint(100000+g.r.IntN(900000))
		if !g.usedNumbers[n] {
			g.usedNumbers[n] = true
			return n
		}
	}
}
