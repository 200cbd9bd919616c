# An unclosed block: Terraform cannot read this file.
resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
  policy = jsonencode({
    Statement = []
}
