{# Generic test: dbt's relationships for a key of several columns (fiscal_year, functional_code):
   every child row whose key is complete has a parent row with that key. #}
{% test composite_relationships(model, columns, to, fields) %}
with child as (
    select * from {{ model }}
)

select child.*
from child
where
    {% for column in columns %}child.{{ column }} is not null and {% endfor %}not exists (
        select 1
        from {{ to }} as parent
        where {% for column in columns %}parent.{{ fields[loop.index0] }} = child.{{ column }}{% if not loop.last %} and {% endif %}{% endfor %}
    )
{% endtest %}
