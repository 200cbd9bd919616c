resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api_policy" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }]
  })
}

# depends_on only orders the apply; it does not create a new deployment.
resource "aws_api_gateway_deployment" "prod" { # want AG303 "aws_api_gateway_deployment.prod has no triggers, so it is not redeployed when the resource policy of aws_api_gateway_rest_api.orders changes"
  rest_api_id = aws_api_gateway_rest_api.orders.id
  depends_on  = [aws_api_gateway_rest_api_policy.orders]

  lifecycle {
    create_before_destroy = true
  }
}
