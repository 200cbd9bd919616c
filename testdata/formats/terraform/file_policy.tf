# Policies kept beside the configuration and read with file() or
# templatefile() are linted in their own files, as this API's policy. The
# ones here are sound, so this file expects no finding; the unit tests
# check the positions inside the policy files.

resource "aws_api_gateway_rest_api" "ledger" {
  name   = "ledger"
  policy = file("${path.module}/policies/ledger.json")

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "audit" {
  name = "audit"
}

resource "aws_api_gateway_rest_api_policy" "audit" {
  rest_api_id = aws_api_gateway_rest_api.audit.id
  policy = templatefile("${path.module}/policies/audit.json.tftpl", {
    api_arn = aws_api_gateway_rest_api.audit.execution_arn
  })
}
