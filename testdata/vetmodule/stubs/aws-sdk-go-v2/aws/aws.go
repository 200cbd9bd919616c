// Package aws is a stub of the AWS SDK for Go v2's aws package, for the
// sample module.
package aws

// String returns a pointer to v.
func String(v string) *string { return &v }
