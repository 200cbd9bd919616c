module example.com/vetmodule

go 1.26

require github.com/aws/aws-sdk-go-v2 v1.0.0

// The SDK is a local stub with the real import paths, so go vet and
// golangci-lint run here without the network.
replace github.com/aws/aws-sdk-go-v2 => ./stubs/aws-sdk-go-v2
