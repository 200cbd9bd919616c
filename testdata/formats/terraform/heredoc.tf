# Office allowlist kept as a heredoc. Interpolations inside JSON strings stay
# opaque; the one that stands where a JSON value belongs is filled from the
# variable's default, and its CIDRs are reported where the default is written.

variable "office_cidrs" {
  description = "Egress ranges of the offices"
  type        = list(string)
  default = [
    "52.94.76.0/22",
    "192.168.10.0/24", # want AG102 "\"192.168.10.0/24\" is inside a range that is never a public source address .192.168.0.0/16, private-use"
  ]
}

resource "aws_api_gateway_rest_api" "intranet" {
  name = "intranet-directory"
}

# A heredoc line cannot hold a comment, so the want below rides in a
# constant interpolation, which renders as nothing.
resource "aws_api_gateway_rest_api_policy" "intranet" {
  rest_api_id = aws_api_gateway_rest_api.intranet.id
  policy      = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "execute-api:Invoke",
      "Resource": "*", ${"" # want AG201 "Resource .[*]. matches every resource"
      }
      "Sid": "Directory-${var.environment}"
    },
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "execute-api:Invoke",
      "Resource": "${aws_api_gateway_rest_api.intranet.execution_arn}/*",
      "Condition": {
        "NotIpAddress": {
          "aws:SourceIp": ${jsonencode(var.office_cidrs)}
        }
      }
    }
  ]
}
EOF
}
