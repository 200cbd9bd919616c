// Package s3 is a test stub of the AWS SDK for Go v2's S3 client.
package s3

// PutBucketPolicyInput sets a bucket policy: a Policy field that is not an
// API Gateway resource policy.
type PutBucketPolicyInput struct {
	Bucket *string
	Policy *string
}
