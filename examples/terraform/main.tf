# Terraform: a REST API that only the office network may call.
#
#   apigwlint lint examples/terraform/main.tf
#
# apigwlint reads the policy wherever the configuration writes it: here an
# aws_iam_policy_document attached with aws_api_gateway_rest_api_policy. It
# renders the document as the AWS provider does (effect defaults to Allow,
# conditions become {"test": {"variable": values}}) and reports each finding
# at the block or value that produces it. References such as
# aws_api_gateway_rest_api.reports.execution_arn are only known when
# Terraform runs; they are never taken for wildcards or CIDRs.
#
# Expected findings:
#   AG102 on "10.40.0.0/16": a private range is never a caller's source
#         address as API Gateway sees it (callers arrive through NAT).
#   AG303 on the deployment's triggers: they hash the API's shape but not its
#         policy, so a policy change would never reach the stage.

variable "office_cidrs" {
  description = "Public egress ranges of the offices"
  type        = list(string)
  default     = ["52.94.76.0/22"]
}

resource "aws_api_gateway_rest_api" "reports" {
  name        = "reports"
  description = "Internal reports, callable from the offices only"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# The textbook allowlist: allow everyone, then deny whoever is not calling
# from an office range. Without the Deny, same-account IAM callers would be
# let in whatever their address.
data "aws_iam_policy_document" "reports" {
  statement {
    sid       = "AllowInvoke"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.reports.execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }

  statement {
    sid       = "DenyOutsideOffices"
    effect    = "Deny"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.reports.execution_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      # The second range is the office LAN, not its public egress address.
      values = concat(var.office_cidrs, ["10.40.0.0/16"])
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "reports" {
  rest_api_id = aws_api_gateway_rest_api.reports.id
  policy      = data.aws_iam_policy_document.reports.json
}

resource "aws_api_gateway_resource" "summary" {
  rest_api_id = aws_api_gateway_rest_api.reports.id
  parent_id   = aws_api_gateway_rest_api.reports.root_resource_id
  path_part   = "summary"
}

resource "aws_api_gateway_method" "summary_get" {
  rest_api_id   = aws_api_gateway_rest_api.reports.id
  resource_id   = aws_api_gateway_resource.summary.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "summary_get" {
  rest_api_id = aws_api_gateway_rest_api.reports.id
  resource_id = aws_api_gateway_resource.summary.id
  http_method = aws_api_gateway_method.summary_get.http_method
  type        = "MOCK"
}

# A new deployment is created only when a trigger changes. Hashing the ids
# follows new routes, but a policy change alone is never deployed: add
# aws_api_gateway_rest_api_policy.reports.policy to the list.
resource "aws_api_gateway_deployment" "reports" {
  rest_api_id = aws_api_gateway_rest_api.reports.id

  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.summary.id,
      aws_api_gateway_method.summary_get.id,
      aws_api_gateway_integration.summary_get.id,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.reports.id
  deployment_id = aws_api_gateway_deployment.reports.id
  stage_name    = "prod"
}
