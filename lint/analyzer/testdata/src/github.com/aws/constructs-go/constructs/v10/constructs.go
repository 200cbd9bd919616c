// Package constructs is a test stub of the constructs library.
package constructs

// Construct is a node of the construct tree.
type Construct interface{ Node() any }
