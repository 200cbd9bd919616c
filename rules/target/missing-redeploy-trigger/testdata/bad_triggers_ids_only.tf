# The provider documentation's trigger hashes the resource, method and
# integration ids: it follows the API's shape, not its policy.

resource "aws_api_gateway_rest_api" "inventory" {
  name = "inventory"
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

resource "aws_api_gateway_deployment" "live" {
  rest_api_id = aws_api_gateway_rest_api.inventory.id

  triggers = { # want AG303 "the triggers of aws_api_gateway_deployment.live do not depend on the resource policy of aws_api_gateway_rest_api.inventory"
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.items.id,
      aws_api_gateway_method.items_get.id,
      aws_api_gateway_integration.items_get.id,
      aws_api_gateway_rest_api.inventory.id,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}
