# A PRIVATE API is reached only through an interface VPC endpoint, where
# aws:SourceIp is absent: this Deny refuses every caller. Test the caller's
# private address with aws:VpcSourceIp, or the endpoint with aws:SourceVpce.
resource "aws_api_gateway_rest_api" "internal" {
  name = "internal-orders"

  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
}

resource "aws_api_gateway_rest_api_policy" "internal" {
  rest_api_id = aws_api_gateway_rest_api.internal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.internal.execution_arn}/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.internal.execution_arn}/*"
        Condition = {
          NotIpAddress = { "aws:SourceIp" = ["10.20.0.0/16"] }
        }
      },
    ]
  })
}
