// Command apigwlint lints Amazon API Gateway REST API resource policies.
// Run apigwlint --help for usage.
package main

import (
	"os"

	"github.com/apigwlint/apigwlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
