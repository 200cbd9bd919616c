# The same kind of policy in an indented heredoc (<<-): Terraform strips the
# common indentation, and positions still point at the bytes in this file.

resource "aws_api_gateway_rest_api" "billing" {
  name = "billing"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{ ${"" # want AG101 "restricts callers by .aws:SourceIp. but no Deny negates it"
      }
        "Effect": "Allow",
        "Principal": "*",
        "Action": "execute-api:Invoke",
        "Resource": "arn:aws:execute-api:*:${var.account_id}:${var.api_id}/*", ${"" # want AG201 "wildcard in the region position"
        }
        "Condition": {"IpAddress": {"aws:SourceIp": ["52.94.76.0/22", "${var.vpn_cidr}"]}}
      }]
    }
  POLICY
}
