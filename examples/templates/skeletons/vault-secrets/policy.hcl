# ${{ values.name }}: read by ${{ values.parameters.service }}, managed by ${{ values.owner }}
path "secret/data/${{ values.name }}/*" {
  capabilities = ["read"]
}
