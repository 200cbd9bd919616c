// Package aws is a test stub of the AWS SDK for Go v1's aws package.
package aws

// String returns a pointer to v.
func String(v string) *string { return &v }

// StringSlice returns a slice of pointers to the values of src.
func StringSlice(src []string) []*string {
	out := make([]*string, len(src))
	for i := range src {
		out[i] = &src[i]
	}
	return out
}
