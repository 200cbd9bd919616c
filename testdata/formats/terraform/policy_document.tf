# An aws_iam_policy_document rendered as the provider renders it: effect
# defaults to Allow, one value is a plain string, conditions become
# {"test": {"variable": values}}. Each finding points at the block or the
# value that produces it.

resource "aws_api_gateway_rest_api" "reports" {
  name = "reports"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

data "aws_iam_policy_document" "reports" {
  statement { # want AG101 "restricts callers by .aws:SourceIp. but no Deny negates it"
    sid       = "FromHeadOffice"
    actions   = ["execute-api:Invoke"]
    resources = ["arn:aws:execute-api:eu-central-1:123456789012:*/*"] # want AG201 "wildcard in the api-id position"

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values = [
        "52.94.76.0/22",
        "172.20.0.0/16", # want AG102 "\"172.20.0.0/16\" is inside a range that is never a public source address"
      ]
    }
  }

  statement {
    sid     = "NoCacheInvalidation"
    effect  = "Deny"
    actions = ["execute-api:InvalidateCache"]
    resources = [
      "execute-api:/*",
    ]

    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/ops"]
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "reports" {
  rest_api_id = aws_api_gateway_rest_api.reports.id
  policy      = data.aws_iam_policy_document.reports.json
}

# A role trust policy in the same file is not an API Gateway resource
# policy, and nothing here attaches it to an API: it is not linted.
data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
