package position

import (
	"fmt"
	"strconv"
	"strings"
)

// Pointer builds an RFC 6901 JSON Pointer from path elements. Elements are
// member names (string) or array indexes (any integer type, or a json.Number
// or float64 with an integral value, as paths decoded from Rego arrive).
func Pointer(path ...any) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(Token(p))
	}
	return b.String()
}

// Token renders one path element as an escaped pointer token: "~" becomes
// "~0" and "/" becomes "~1", in that order, as RFC 6901 requires.
func Token(p any) string {
	switch v := p.(type) {
	case string:
		if !strings.ContainsAny(v, "~/") {
			return v
		}
		return strings.ReplaceAll(strings.ReplaceAll(v, "~", "~0"), "/", "~1")
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case fmt.Stringer: // json.Number and friends
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}

// Append returns the pointer ptr extended by one element.
func Append(ptr string, elem any) string {
	return ptr + "/" + Token(elem)
}

// Split parses an RFC 6901 pointer into its unescaped reference tokens. The
// empty pointer (the whole document) has no tokens.
func Split(ptr string) ([]string, error) {
	if ptr == "" {
		return nil, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("json pointer %q must start with \"/\"", ptr)
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			if bad := strings.ReplaceAll(strings.ReplaceAll(p, "~0", ""), "~1", ""); strings.Contains(bad, "~") {
				return nil, fmt.Errorf("json pointer %q has a \"~\" not followed by 0 or 1", ptr)
			}
			p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		}
		parts[i] = p
	}
	return parts, nil
}

// Parent returns the pointer one level up and false for the root.
func Parent(ptr string) (string, bool) {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return "", false
	}
	return ptr[:i], true
}

// ValueAt follows the pointer ptr into a decoded JSON document (map[string]any
// and []any) and returns the value there, or nil when the pointer is
// malformed or leads nowhere.
func ValueAt(doc any, ptr string) any {
	parts, err := Split(ptr)
	if err != nil {
		return nil
	}
	return Follow(doc, parts)
}

// Follow is ValueAt for a pointer already split into unescaped tokens.
func Follow(doc any, tokens []string) any {
	v := doc
	for _, p := range tokens {
		switch c := v.(type) {
		case map[string]any:
			v = c[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}
