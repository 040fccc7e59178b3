package demo

import "github.com/groupdesk/groupdesk/model"

// area is a premium rating area with the towns its members live in.
type area struct {
	code    string       // rating area, e.g. "CA-06"
	state   string       // USPS code
	factor  model.Factor // premium level relative to CA-19 (San Diego)
	phones  []string     // telephone area codes
	towns   []town
	streets []string // arterials of the area; residents also live on commonStreets
}

// town is a city with some of its ZIP codes.
type town struct {
	city string
	zips []string
}

// Rating area codes. California uses Covered California's 19 regions (the
// LA ZIPs below are all in region 16, not 15); the other states their own.
const (
	areaSacramento = "CA-03"
	areaSF         = "CA-04"
	areaAlameda    = "CA-06"
	areaFresno     = "CA-11"
	areaLA         = "CA-16"
	areaSanDiego   = "CA-19"
	areaPortland   = "OR-01"
	areaSeattle    = "WA-01"
	areaDenver     = "CO-03"
)

// areas lists every area the demo groups use; the plans are rated for all.
var areas = []area{
	{areaSacramento, "CA", 10600, []string{"916", "279"}, []town{
		{"Sacramento", []string{"95811", "95814", "95816", "95817", "95818", "95819", "95820", "95821", "95822", "95823", "95824", "95825", "95826", "95828", "95831", "95833", "95834", "95838"}},
		{"Elk Grove", []string{"95624", "95757", "95758"}}, {"Roseville", []string{"95661", "95678", "95747"}},
		{"Folsom", []string{"95630"}}, {"Citrus Heights", []string{"95610", "95621"}}, {"Rancho Cordova", []string{"95670", "95742"}},
		{"West Sacramento", []string{"95605", "95691"}}, {"Davis", []string{"95616", "95618"}}, {"Carmichael", []string{"95608"}},
	}, []string{"J St", "K St", "Capitol Ave", "Folsom Blvd", "Freeport Blvd", "Broadway", "Stockton Blvd", "Fair Oaks Blvd",
		"Watt Ave", "Florin Rd", "Franklin Blvd", "Arden Way", "El Camino Ave", "Howe Ave", "Sunrise Blvd", "Riverside Blvd",
		"Land Park Dr", "Alhambra Blvd", "21st St", "T St"}},
	{areaSF, "CA", 12400, []string{"415", "628"}, []town{
		{"San Francisco", []string{"94102", "94103", "94107", "94109", "94110", "94112", "94114", "94115", "94116", "94117", "94118", "94121", "94122", "94123", "94124", "94127", "94131", "94132", "94133", "94134"}},
	}, []string{"Valencia St", "Mission St", "Folsom St", "Irving St", "Judah St", "Noriega St", "Taraval St", "Geary Blvd",
		"Clement St", "Divisadero St", "Fillmore St", "Church St", "Castro St", "Haight St", "Lombard St", "Union St",
		"Sacramento St", "California St", "Alemany Blvd", "San Bruno Ave", "Portola Dr", "24th St", "19th Ave", "Ocean Ave",
		"Balboa St", "Hayes St", "Guerrero St"}},
	{areaAlameda, "CA", 11800, []string{"510", "341", "925"}, []town{
		{"Oakland", []string{"94601", "94602", "94605", "94606", "94607", "94609", "94610", "94611", "94612", "94618", "94619", "94621"}},
		{"Berkeley", []string{"94702", "94703", "94704", "94705", "94709"}}, {"Alameda", []string{"94501"}},
		{"San Leandro", []string{"94577", "94578"}}, {"Hayward", []string{"94541", "94542", "94544", "94545"}},
		{"Fremont", []string{"94536", "94538", "94539", "94555"}}, {"Emeryville", []string{"94608"}},
		{"Castro Valley", []string{"94546"}}, {"Union City", []string{"94587"}}, {"Livermore", []string{"94550", "94551"}},
		{"Pleasanton", []string{"94566", "94588"}}, {"Dublin", []string{"94568"}},
	}, []string{"Telegraph Ave", "MacArthur Blvd", "Grand Ave", "Lakeshore Ave", "Fruitvale Ave", "International Blvd",
		"Broadway", "College Ave", "Park Blvd", "Piedmont Ave", "San Pablo Ave", "Shattuck Ave", "University Ave",
		"Foothill Blvd", "Mission Blvd", "Fremont Blvd", "Hesperian Blvd", "Webster St", "Santa Clara Ave", "Claremont Ave"}},
	{areaFresno, "CA", 9400, []string{"559"}, []town{
		{"Fresno", []string{"93701", "93702", "93703", "93704", "93705", "93706", "93710", "93711", "93720", "93721", "93722", "93725", "93726", "93727", "93728"}},
		{"Clovis", []string{"93611", "93612", "93619"}}, {"Madera", []string{"93637", "93638"}}, {"Hanford", []string{"93230"}},
		{"Selma", []string{"93662"}}, {"Sanger", []string{"93657"}}, {"Reedley", []string{"93654"}},
	}, []string{"Blackstone Ave", "Shaw Ave", "Herndon Ave", "Cedar Ave", "Fresno St", "Van Ness Ave", "Olive Ave",
		"Belmont Ave", "Tulare St", "Kings Canyon Rd", "Ashlan Ave", "Bullard Ave", "Palm Ave", "Clovis Ave", "Shields Ave",
		"McKinley Ave", "Chestnut Ave", "Willow Ave", "Fowler Ave"}},
	{areaLA, "CA", 9200, []string{"213", "323", "310", "424", "818", "747"}, []town{
		{"Los Angeles", []string{"90004", "90006", "90012", "90019", "90026", "90027", "90029", "90031", "90032", "90034", "90035", "90036", "90039", "90041", "90042", "90043", "90044", "90046", "90056", "90064", "90065", "90066"}},
		{"Inglewood", []string{"90301", "90302", "90303", "90305"}}, {"Hawthorne", []string{"90250"}},
		{"Torrance", []string{"90501", "90503", "90504", "90505"}}, {"Gardena", []string{"90247", "90248", "90249"}},
		{"Culver City", []string{"90230", "90232"}}, {"Santa Monica", []string{"90401", "90403", "90404", "90405"}},
		{"Downey", []string{"90240", "90241", "90242"}}, {"Van Nuys", []string{"91401", "91405", "91406", "91411"}},
		{"North Hollywood", []string{"91601", "91605", "91606"}}, {"Northridge", []string{"91324", "91325"}},
		{"Reseda", []string{"91335"}}, {"Canoga Park", []string{"91303", "91304"}}, {"Sylmar", []string{"91342"}},
	}, []string{"Sunset Blvd", "Wilshire Blvd", "Vermont Ave", "Western Ave", "Figueroa St", "Olympic Blvd", "Pico Blvd",
		"Venice Blvd", "Crenshaw Blvd", "La Brea Ave", "Fairfax Ave", "Santa Monica Blvd", "Melrose Ave", "Beverly Blvd",
		"Slauson Ave", "Florence Ave", "Manchester Ave", "Hawthorne Blvd", "Sepulveda Blvd", "Ventura Blvd",
		"Victory Blvd", "Sherman Way", "Van Nuys Blvd", "Reseda Blvd", "Roscoe Blvd", "York Blvd", "Normandie Ave"}},
	{areaSanDiego, "CA", 10000, []string{"619", "858", "760"}, []town{
		{"San Diego", []string{"92101", "92102", "92103", "92104", "92105", "92106", "92107", "92108", "92109", "92110", "92111", "92113", "92114", "92115", "92116", "92117", "92119", "92120", "92122", "92123", "92126", "92128", "92129", "92139", "92154"}},
		{"Chula Vista", []string{"91910", "91911", "91913", "91914", "91915"}}, {"National City", []string{"91950"}},
		{"El Cajon", []string{"92019", "92020", "92021"}}, {"La Mesa", []string{"91941", "91942"}},
		{"Escondido", []string{"92025", "92026", "92027"}}, {"Oceanside", []string{"92054", "92056", "92057"}},
		{"Carlsbad", []string{"92008", "92009", "92010", "92011"}}, {"Santee", []string{"92071"}}, {"Poway", []string{"92064"}},
	}, []string{"University Ave", "El Cajon Blvd", "Adams Ave", "Garnet Ave", "Mission Blvd", "Clairemont Mesa Blvd",
		"Genesee Ave", "Balboa Ave", "Convoy St", "Imperial Ave", "Market St", "Rosecrans St", "Midway Dr", "Park Blvd",
		"30th St", "Fairmount Ave", "Euclid Ave", "Palm Ave", "Third Ave", "Mira Mesa Blvd", "Carmel Valley Rd"}},
	{areaPortland, "OR", 10000, []string{"503", "971"}, []town{
		{"Portland", []string{"97201", "97202", "97203", "97205", "97206", "97209", "97210", "97211", "97212", "97213", "97214", "97215", "97216", "97217", "97218", "97219", "97220", "97227", "97230", "97232", "97233", "97236", "97239", "97266"}},
		{"Beaverton", []string{"97005", "97006", "97007", "97008"}}, {"Hillsboro", []string{"97123", "97124"}},
		{"Gresham", []string{"97030", "97080"}}, {"Lake Oswego", []string{"97034", "97035"}}, {"Tigard", []string{"97223", "97224"}},
		{"Milwaukie", []string{"97222", "97267"}}, {"Tualatin", []string{"97062"}}, {"Oregon City", []string{"97045"}},
	}, []string{"NE Alberta St", "SE Hawthorne Blvd", "SE Division St", "NW 23rd Ave", "N Mississippi Ave", "NE Sandy Blvd",
		"SE Belmont St", "NE Broadway", "SW Barbur Blvd", "SE Foster Rd", "NE Killingsworth St", "N Lombard St",
		"SE Powell Blvd", "SW Macadam Ave", "NE Fremont St", "SE Stark St", "SW Murray Blvd", "SE 82nd Ave", "NE Glisan St"}},
	{areaSeattle, "WA", 10400, []string{"206", "425", "253"}, []town{
		{"Seattle", []string{"98101", "98102", "98103", "98105", "98106", "98107", "98108", "98109", "98112", "98115", "98116", "98117", "98118", "98119", "98121", "98122", "98125", "98126", "98136", "98144", "98199"}},
		{"Bellevue", []string{"98004", "98005", "98006", "98007", "98008"}}, {"Redmond", []string{"98052", "98053"}},
		{"Kirkland", []string{"98033", "98034"}}, {"Renton", []string{"98055", "98056", "98058", "98059"}},
		{"Kent", []string{"98030", "98031", "98032"}}, {"Shoreline", []string{"98133", "98155"}},
		{"Burien", []string{"98146", "98148", "98166"}}, {"Federal Way", []string{"98003", "98023"}},
	}, []string{"Aurora Ave N", "Rainier Ave S", "Beacon Ave S", "15th Ave NE", "Greenwood Ave N", "Fremont Ave N",
		"Eastlake Ave E", "Broadway E", "Madison St", "S Jackson St", "California Ave SW", "Delridge Way SW",
		"Lake City Way NE", "NE 65th St", "NW Market St", "35th Ave SW", "Bellevue Way NE", "108th Ave NE", "Pacific Hwy S"}},
	{areaDenver, "CO", 9700, []string{"303", "720"}, []town{
		{"Denver", []string{"80202", "80203", "80204", "80205", "80206", "80207", "80209", "80210", "80211", "80212", "80218", "80219", "80220", "80222", "80223", "80224", "80227", "80230", "80231", "80236", "80237", "80238", "80239", "80246", "80249"}},
		{"Aurora", []string{"80010", "80011", "80012", "80013", "80014", "80015", "80016", "80017"}},
		{"Lakewood", []string{"80226", "80228", "80232"}}, {"Englewood", []string{"80110", "80113"}},
		{"Littleton", []string{"80120", "80122", "80123"}}, {"Arvada", []string{"80002", "80003", "80004", "80005"}},
		{"Westminster", []string{"80030", "80031"}}, {"Thornton", []string{"80229", "80233", "80241"}},
	}, []string{"E Colfax Ave", "Colorado Blvd", "Federal Blvd", "S Broadway", "Speer Blvd", "Santa Fe Dr", "W Alameda Ave",
		"E Evans Ave", "E Hampden Ave", "E Mississippi Ave", "Sheridan Blvd", "Wadsworth Blvd", "Kipling St", "Quebec St",
		"Havana St", "Peoria St", "Tennyson St", "Downing St", "York St", "Monaco Pkwy", "S Parker Rd", "W 38th Ave"}},
}

// commonStreets are residential street names found in every town.
var commonStreets = []string{"Oak St", "Maple Ave", "Cedar St", "Pine St", "Elm St", "Walnut St", "Chestnut St",
	"Willow Ln", "Sunset Dr", "Park Ave", "Lincoln Ave", "Washington St", "Jefferson St", "Madison Ave", "Highland Ave",
	"Hillcrest Dr", "Lakeview Dr", "Meadow Ln", "Orchard Ave", "Vista Way", "Laurel St", "Magnolia Ave", "Spruce St",
	"Juniper Ct", "Redwood Dr", "Aspen Way", "Birch Ln", "Cypress Ave", "Poplar St", "Sycamore Dr", "Acacia Ct",
	"Rosewood Ln", "Manzanita Way", "Valley View Rd", "Ridgecrest Dr", "Canyon Rd", "Harbor View Dr", "Mill St"}

// areaByCode returns the area with the code; the code is always one of ours.
func areaByCode(code string) *area {
	for i := range areas {
		if areas[i].code == code {
			return &areas[i]
		}
	}
	panic("demo: unknown rating area " + code)
}
