# Nothing in a comment is a policy: neither a commented-out attachment nor a
# rendered policy pasted into a block comment.

resource "aws_api_gateway_rest_api" "catalog" {
  name = "catalog"
  # policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }] })
}

// resource "aws_api_gateway_rest_api_policy" "catalog" {
//   rest_api_id = aws_api_gateway_rest_api.catalog.id
//   policy      = file("${path.module}/missing.json")
// }

/*
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]
}
*/
