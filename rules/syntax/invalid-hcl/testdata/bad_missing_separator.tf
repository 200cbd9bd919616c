resource "aws_api_gateway_rest_api_policy" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  policy      = jsonencode({ Version = "2012-10-17" Statement = [] }) # want AG005 "missing attribute separator: expected a newline or comma"
}
