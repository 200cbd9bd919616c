// Package types is a stub of the SDK's API Gateway types.
package types

// Op is a patch operation.
type Op string

// OpReplace replaces a value.
const OpReplace Op = "replace"

// PatchOperation is one update to a resource.
type PatchOperation struct {
	Op    Op
	Path  *string
	Value *string
}
