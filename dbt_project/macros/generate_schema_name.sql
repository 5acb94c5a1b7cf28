{#
  Models land in exactly the schema they name (transform, marts, quality), not target_schema_custom.
  `govfin run` and `govfin build` pass the var govfin_build_into ({"marts": "marts_next", ...}):
  the analyst-facing schemas are then built out of sight and swapped in whole (loaders/build.py).
  Staging and intermediate models (transform) are never redirected: they are not swapped.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set schema = custom_schema_name if custom_schema_name else target.schema -%}
    {{ var('govfin_build_into', {}).get(schema, schema) }}
{%- endmacro %}
