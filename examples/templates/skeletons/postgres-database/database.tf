# ${{ values.name }} on the shared cluster postgres-main (owner ${{ values.owner }})
resource "postgresql_database" "${{ values.name | replace("-", "_") }}" {
  name  = "${{ values.name | replace("-", "_") }}"
  owner = "${{ values.name | replace("-", "_") }}_migrator"
}
# size: ${{ values.parameters.size }}; nightly backups are on for every database of the cluster
