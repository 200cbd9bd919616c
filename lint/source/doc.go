// Package source finds resource policies in files and decodes them into
// Documents: the policy as plain JSON values, what it is attached to, and a
// position Index that maps every path in the policy back to the file.
//
// Each input format lives in one file of this package. A front end must be
// cheap to reject a file that is not its format, because a repository scan
// offers it tens of thousands of files that are not policies.
package source
