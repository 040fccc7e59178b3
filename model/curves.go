package model

// The built-in age curves, in ten-thousandths, indexed by age 0–64 (ages above
// 64 use the 64 factor). Source: CMS "State Specific Age Curve Variations"
// (5/31/2017) and "Final Guidance Regarding Age Curves and State Reporting"
// (Dec 16 2016), Appendix I; the 2014–2017 curve rated every child 0–20 at
// 0.635 with the same adult factors.

// CurveFederal2018 is the federal default standard age curve, plan years 2018+.
var CurveFederal2018 = AgeCurve{
	Name: "federal-2018",
	Factors: [65]Factor{
		7650, 7650, 7650, 7650, 7650, 7650, 7650, 7650,
		7650, 7650, 7650, 7650, 7650, 7650, 7650, 8330,
		8590, 8850, 9130, 9410, 9700, 10000, 10000, 10000,
		10000, 10040, 10240, 10480, 10870, 11190, 11350, 11590,
		11830, 11980, 12140, 12220, 12300, 12380, 12460, 12620,
		12780, 13020, 13250, 13570, 13970, 14440, 15000, 15630,
		16350, 17060, 17860, 18650, 19520, 20400, 21350, 22300,
		23330, 24370, 25480, 26030, 27140, 28100, 28730, 29520,
		30000,
	},
}

// CurveFederal2014 is the federal default curve of plan years 2014–2017.
var CurveFederal2014 = AgeCurve{
	Name: "federal-2014",
	Factors: [65]Factor{
		6350, 6350, 6350, 6350, 6350, 6350, 6350, 6350,
		6350, 6350, 6350, 6350, 6350, 6350, 6350, 6350,
		6350, 6350, 6350, 6350, 6350, 10000, 10000, 10000,
		10000, 10040, 10240, 10480, 10870, 11190, 11350, 11590,
		11830, 11980, 12140, 12220, 12300, 12380, 12460, 12620,
		12780, 13020, 13250, 13570, 13970, 14440, 15000, 15630,
		16350, 17060, 17860, 18650, 19520, 20400, 21350, 22300,
		23330, 24370, 25480, 26030, 27140, 28100, 28730, 29520,
		30000,
	},
}

// BuiltinCurves are the curves every plans file may name without defining.
var BuiltinCurves = map[string]AgeCurve{
	CurveFederal2018.Name: CurveFederal2018,
	CurveFederal2014.Name: CurveFederal2014,
}
