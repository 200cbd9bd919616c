# Policies kept in locals are linted even when nothing in this file attaches
# them (a module may pick one by name). A local that is not an API Gateway
# resource policy, such as a Lambda role's policy, is left alone.

locals {
  vpn_only_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # want AG101 "restricts callers by .aws:VpcSourceIp. but no Deny negates it"
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = {
          IpAddress = { "aws:VpcSourceIp" = local.vpn_ranges }
        }
      },
    ]
  })

  vpn_ranges = ["10.8.0.0/16"]

  attached_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "*" # want AG201 "Resource .[*]. matches every resource"
    }]
  })

  lambda_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_api_gateway_rest_api" "tools" {
  name   = "internal-tools"
  policy = local.attached_policy
}
