resource "aws_api_gateway_rest_api" "orders" {
  name = "orders" description = "two arguments on one line" # want AG005 "missing newline after argument: an argument definition must end with a newline"
}
