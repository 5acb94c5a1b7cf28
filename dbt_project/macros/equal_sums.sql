{# Generic test: a column's total equals another relation's total (no fan-out from joins). #}
{% test equal_sums(model, column_name, compare_model, compare_column, where='true', compare_where='true') %}
with a as (select coalesce(sum({{ column_name }}), 0) as total from {{ model }} where {{ where }}),
     b as (select coalesce(sum({{ compare_column }}), 0) as total from {{ compare_model }} where {{ compare_where }})
select a.total, b.total from a, b where a.total <> b.total
{% endtest %}
