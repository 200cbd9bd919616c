# A policy written as one escaped JSON string: positions are carried back
# through the \" escapes to the bytes of this line.

resource "aws_api_gateway_rest_api" "status" {
  name   = "status-page"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}]}" # want AG201 "Resource .[*]. matches every resource"
}

resource "aws_api_gateway_rest_api" "status_v2" {
  name = "status-page-v2"
  # Terraform 0.11 wrote every reference inside "${...}".
  policy = "${data.aws_iam_policy_document.status_v2.json}"
}

data "aws_iam_policy_document" "status_v2" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
