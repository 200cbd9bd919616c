// Package jsii is a test stub of the jsii runtime's value helpers.
package jsii

// String returns a pointer to v.
func String(v string) *string { return &v }

// Strings returns a pointer to a slice of pointers to v's values.
func Strings(v ...string) *[]*string {
	out := make([]*string, len(v))
	for i := range v {
		out[i] = &v[i]
	}
	return &out
}

// Number returns a pointer to v.
func Number(v float64) *float64 { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }
