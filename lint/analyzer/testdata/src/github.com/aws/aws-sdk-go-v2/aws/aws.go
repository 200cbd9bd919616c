// Package aws is a test stub of the AWS SDK for Go v2's aws package: only
// the names the analyzer's tests use, with the real import path.
package aws

// String returns a pointer to v.
func String(v string) *string { return &v }

// ToString returns the string p points to, or "".
func ToString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
