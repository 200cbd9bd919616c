resource "aws_api_gateway_rest_api_policy" "inventory" {
  rest_api_id = aws_api_gateway_rest_api.inventory.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.inventory.execution_arn}/*" # want AG106 "PUT requests are granted by this Allow but not covered by the Resource of the Deny that restricts aws:SourceVpce \(Statement\[1\]\)"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.inventory.execution_arn}/*/GET/*"
        Condition = {
          StringNotEquals = {
            "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id
          }
        }
      },
    ]
  })
}
