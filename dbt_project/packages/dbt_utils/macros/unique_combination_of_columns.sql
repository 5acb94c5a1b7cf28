{# Generic test: no two rows share the same values in the given columns (a model's grain). #}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
{%- set columns = combination_of_columns | map('string') | list -%}
{%- if quote_columns -%}
    {%- set columns = columns | map('tojson') | list -%}
{%- endif %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
