# A policy that is not JSON is reported where the JSON breaks, inside the
# heredoc or the quoted string that holds it.

resource "aws_api_gateway_rest_api" "heredoc" {
  name   = "broken-heredoc"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow" "Principal": "*", ${"" # want AG001 "missing ',' between members"
      }
      "Action": "execute-api:Invoke",
      "Resource": "execute-api:/*"
    }
  ]
}
EOF
}

resource "aws_api_gateway_rest_api" "quoted" {
  name   = "broken-string"
  policy = "{\"Statement\": [{\"Effect\": \"Allow\",}]}" # want AG001 "unexpected ',': a trailing comma"
}
