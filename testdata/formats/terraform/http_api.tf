# aws_api_gateway_rest_api_policy pointed at an HTTP API: HTTP and WebSocket
# APIs (aws_apigatewayv2_api) have no resource policies, so this one is
# never evaluated.

resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_api_gateway_rest_api_policy" "orders" {
  rest_api_id = aws_apigatewayv2_api.orders.id
  policy = jsonencode({ # want AG301 "resource policy on .aws_apigatewayv2_api.orders. .aws_apigatewayv2_api. has no effect: HTTP APIs do not support resource policies"
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }]
  })
}

resource "aws_api_gateway_rest_api_policy" "chat" {
  rest_api_id = aws_apigatewayv2_api.chat.id
  policy      = data.aws_iam_policy_document.chat.json
}

data "aws_iam_policy_document" "chat" { # want AG301 "resource policy on .aws_apigatewayv2_api.chat. .aws_apigatewayv2_api. has no effect: WebSocket APIs do not support resource policies"
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
