data "aws_iam_policy_document" "partner" {
  statement {
    effect    = "Allow"
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ForAnyValue:NotIpAddress"
      variable = "aws:SourceIp" # want AG107 "ForAnyValue:NotIpAddress on aws:SourceIp, a single-valued key: .*every request that carries no aws:SourceIp escapes this Deny; write NotIpAddress"
      values   = ["81.2.69.160/27", "52.94.76.0/22"]
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "partner" {
  rest_api_id = aws_api_gateway_rest_api.partner.id
  policy      = data.aws_iam_policy_document.partner.json
}
