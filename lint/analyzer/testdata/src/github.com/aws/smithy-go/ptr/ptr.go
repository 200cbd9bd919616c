// Package ptr is a test stub of smithy-go's pointer helpers.
package ptr

// String returns a pointer to v.
func String(v string) *string { return &v }
