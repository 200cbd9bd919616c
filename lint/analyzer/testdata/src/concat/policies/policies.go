// Package policies keeps policy constants for other packages; it imports
// no API Gateway client, so the analyzer skips it.
package policies

// Open allows everyone to call every resource.
const Open = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}`
