# A partner API that should only answer the partner's egress range. The
# policy is written with jsonencode(), so every value below is located at
# the HCL expression that produces it.

resource "aws_api_gateway_rest_api" "partner" {
  name = "partner-orders"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api_policy" "partner" {
  rest_api_id = aws_api_gateway_rest_api.partner.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # want AG101 "allow statement restricts callers by .aws:SourceIp. but no Deny negates it.*add a Deny with NotIpAddress on .aws:SourceIp."
        Sid       = "PartnerEgressOnly"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "arn:aws:execute-api:eu-west-1:${data.aws_caller_identity.current.account_id}:*/prod/*" # want AG201 "wildcard in the api-id position"
        Condition = {
          IpAddress = {
            "aws:SourceIp" = ["52.94.76.0/22", "10.20.0.0/16"] # want AG102 "\"10.20.0.0/16\" is inside a range that is never a public source address"
          }
        }
      },
      {
        Sid       = "NoCacheFlush"
        Effect    = "deny" # want AG002 "Effect must be .Allow. or .Deny., not .deny."
        Principal = "*"
        Action    = "execute-api:InvalidateCache"
        Resource  = "execute-api:/*"
      }
    ]
  })
}
