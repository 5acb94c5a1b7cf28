{# Models land in exactly the schema they name (transform, marts, quality), not target_schema_custom. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
