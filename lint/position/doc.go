// Package position maps JSON Pointers into a policy document to spans in the
// file the user edits.
//
// A source front end records, for every value it decodes, the byte range of
// the member name and of the value in the file. Rules later report a path;
// Index.Resolve turns that path into a Span with 1-based lines and byte
// columns, as go/token does. Offsets are stored, and lines are computed only
// for the few paths that carry a finding, so indexing stays cheap on the hot
// path of a repository scan.
package position
