resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_rest_api_policy" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  policy      = data.aws_iam_policy_document.orders.json
}

data "aws_iam_policy_document" "orders" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_api_gateway_deployment" "by_policy_resource" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_rest_api_policy.orders.policy, aws_api_gateway_method.get.id]))
  }
}

resource "aws_api_gateway_deployment" "by_document" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    policy = sha1(data.aws_iam_policy_document.orders.json)
  }
}

resource "aws_api_gateway_deployment" "by_whole_resource" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode(aws_api_gateway_rest_api_policy.orders))
  }
}
