resource "aws_s3_bucket" "this" {
  bucket = "acme-${{ values.name }}"
  tags   = { owner = "${{ values.owner }}" }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" } }
}
# objects expire after ${{ values.parameters.expireDays }} days (0: never)
