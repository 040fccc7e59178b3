package demo

import "github.com/groupdesk/groupdesk/model"

// ratingAreas lists the demo's rating areas with the exact ZIPs of their
// towns, so that quotes from a demo group's roster find every member's area.
func ratingAreas() []model.RatingArea {
	out := make([]model.RatingArea, 0, len(areas))
	for _, a := range areas {
		ra := model.RatingArea{ID: a.code, State: a.state}
		for _, t := range a.towns {
			ra.ZIPs = append(ra.ZIPs, t.zips...)
		}
		out = append(out, ra)
	}
	return out
}
