package schemas

import "strings"

// maxSuggestInput keeps the quadratic distance computation cheap: nobody
// mistypes a 65-character member name into a known one.
const maxSuggestInput = 64

// closest returns the candidate a person most likely meant by name, if any is
// near enough. Case is ignored when measuring, so "IPAddress" finds "IpAddress"
// and "effect" finds "Effect"; ties go to the earlier candidate, which keeps
// the answer deterministic.
func closest(name string, candidates []string) (string, bool) {
	if len([]rune(name)) > maxSuggestInput {
		return "", false
	}
	lower := strings.ToLower(name)
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := editDistance(lower, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > allowedDistance(name) {
		return "", false
	}
	return best, true
}

// allowedDistance grows with the name so that long operator names tolerate a
// couple of slips while short ones ("Id", "Sid") do not match everything.
func allowedDistance(name string) int {
	return min(max(len([]rune(name))/3, 1), 3)
}

// editDistance is the Levenshtein distance between a and b, counted in runes:
// the fewest single-rune insertions, deletions and substitutions turning a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
