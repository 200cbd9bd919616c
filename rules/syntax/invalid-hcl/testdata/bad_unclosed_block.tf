resource "aws_api_gateway_rest_api" "orders" { # want AG005 "unclosed configuration block: there is no closing brace for this block before the end of the file"
  name = "orders"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
