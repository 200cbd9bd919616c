# Internal inventory API, meant to be reachable from the office only. The
# Deny was written for the prod stage; the staging stage serves the same
# Lambda functions and is open to the Internet.
resource "aws_api_gateway_rest_api" "inventory" {
  name = "inventory"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api_policy" "inventory" {
  rest_api_id = aws_api_gateway_rest_api.inventory.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Invoke"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.inventory.execution_arn}/*"
      },
      {
        Sid       = "OfficeOnly"
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.inventory.execution_arn}/prod/*"
        Condition = {
          NotIpAddress = { "aws:SourceIp" = ["81.2.69.160/27"] }
        }
      },
    ]
  })
}
